// Writes vectors.json: signed deliveries for every signature preset, produced by the vendors'
// own libraries where a vendor publishes one (standardwebhooks, svix, stripe,
// @octokit/webhooks-methods) and by node:crypto following the vendor's documentation
// otherwise. Run once (`npm ci && node generate.mjs`); the C++ tests read the committed
// output and need neither node nor a network.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import Stripe from 'stripe';
import { sign as githubSign } from '@octokit/webhooks-methods';

// 2025-12-06T05:46:40Z: every vector is signed at this time; the tests receive it a few
// seconds later (valid) or 62 minutes later (stale).
const T = 1765000000;
const body = '{"id":"evt_1","type":"booking.created","data":{"name":"Zoë","note":"{timestamp} {body}"}}';
const url = 'https://hookscope-demo.ngrok.app/hooks/square?x=1';
const target = '/hooks/square?x=1';

const hmac = (alg, key, data, enc) => crypto.createHmac(alg, key).update(data).digest(enc);
const whsec = (seed) => 'whsec_' + Buffer.from(seed.padEnd(24, '#')).toString('base64');

const vectors = [];
// One preset: `sign(secret)` returns the headers of a delivery signed with that secret;
// `rotated(oldSecret, newSecret)` the headers carrying both signatures, when the scheme can.
function add(preset, { secret, oldSecret, wrongSecret, sign, rotated, extra = {} }) {
  vectors.push({
    preset,
    secret,
    wrongSecret,
    oldSecret,
    body,
    timestamp: T,
    headers: sign(secret),
    rotatedHeaders: rotated ? rotated(oldSecret, secret) : null,
    ...extra,
  });
}

// Standard Webhooks: the reference library.
add('standard-webhooks', {
  secret: whsec('new standard secret'),
  oldSecret: whsec('old standard secret'),
  wrongSecret: whsec('wrong standard secret'),
  sign: (s) => ({
    'webhook-id': 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
    'webhook-timestamp': String(T),
    'webhook-signature': new StandardWebhook(s).sign('msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', new Date(T * 1000), body),
  }),
  rotated: (o, n) => ({
    'webhook-id': 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
    'webhook-timestamp': String(T),
    'webhook-signature': [o, n].map((s) => new StandardWebhook(s).sign('msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', new Date(T * 1000), body)).join(' '),
  }),
});

// Svix: its own library, svix-* headers.
add('svix', {
  secret: whsec('new svix secret'),
  oldSecret: whsec('old svix secret'),
  wrongSecret: whsec('wrong svix secret'),
  sign: (s) => ({
    'svix-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    'svix-timestamp': String(T),
    'svix-signature': new SvixWebhook(s).sign('msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(T * 1000), body),
  }),
  rotated: (o, n) => ({
    'svix-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    'svix-timestamp': String(T),
    'svix-signature': [o, n].map((s) => new SvixWebhook(s).sign('msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(T * 1000), body)).join(' '),
  }),
});

// Stripe: stripe-node's generateTestHeaderString (what its constructEvent checks against).
const stripe = new Stripe('sk_test_hookscope');
const stripeHeader = (s) => stripe.webhooks.generateTestHeaderString({ payload: body, secret: s, timestamp: T });
add('stripe', {
  secret: 'whsec_stripe_new_0123456789',
  oldSecret: 'whsec_stripe_old_0123456789',
  wrongSecret: 'whsec_stripe_wrong_012345678',
  sign: (s) => ({ 'Stripe-Signature': stripeHeader(s) }),
  rotated: (o, n) => ({
    'Stripe-Signature': `t=${T},` + [o, n].map((s) => stripeHeader(s).split(',').find((p) => p.startsWith('v1='))).join(','),
  }),
});

// t=…,v1=<hex> of "{t}.{body}": Calendly (developer.calendly.com/api-docs/overview/webhooks/
// webhook-signatures) and Jicoo (developer.jicoo.com/doc-356016) document exactly Stripe's shape.
for (const [preset, header] of [['calendly', 'Calendly-Webhook-Signature'], ['jicoo', 'Jicoo-Webhook-Signature']]) {
  const v1 = (s) => 'v1=' + hmac('sha256', s, `${T}.${body}`, 'hex');
  add(preset, {
    secret: `${preset}-signing-key-new`,
    oldSecret: `${preset}-signing-key-old`,
    wrongSecret: `${preset}-signing-key-wrong`,
    sign: (s) => ({ [header]: `t=${T},${v1(s)}` }),
    rotated: (o, n) => ({ [header]: `t=${T},${v1(o)},${v1(n)}` }),
  });
}

// GitHub: @octokit/webhooks-methods.
add('github', {
  secret: 'github webhook secret',
  oldSecret: 'github old secret',
  wrongSecret: 'not the github secret',
  sign: async (s) => ({ 'X-Hub-Signature-256': await githubSign(s, body), 'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958' }),
});

// Shopify: base64 HMAC-SHA256 of the body (shopify.dev/docs/apps/build/webhooks/subscribe/https).
add('shopify', {
  secret: 'shpss_shopify_app_secret',
  oldSecret: 'shpss_shopify_old_secret',
  wrongSecret: 'shpss_wrong_secret',
  sign: (s) => ({ 'X-Shopify-Hmac-Sha256': hmac('sha256', s, body, 'base64'), 'X-Shopify-Webhook-Id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' }),
});

// Square: base64 HMAC-SHA256 of the notification URL followed by the body
// (developer.squareup.com/docs/webhooks/step3validate).
add('square', {
  secret: 'square-signature-key',
  oldSecret: 'square-old-signature-key',
  wrongSecret: 'square-wrong-key',
  sign: (s) => ({ 'x-square-hmacsha256-signature': hmac('sha256', s, url + body, 'base64') }),
  extra: { url, target },
});

// Cal.com: hex HMAC-SHA256 of the body in x-cal-signature-256 (cal.com/docs webhooks).
add('cal-com', {
  secret: 'cal com webhook secret',
  oldSecret: 'cal com old secret',
  wrongSecret: 'cal com wrong secret',
  sign: (s) => ({ 'x-cal-signature-256': hmac('sha256', s, body, 'hex') }),
});

// Cubu: "the MAC is sent in the Authorization header as HMAC <mac>"
// (docs.cubu.com/guides/technical-guide/webhooks/webhooks-configuration): base64 HMAC-SHA256
// of the body, the .NET default its ASP.NET Core validation sample uses.
add('cubu', {
  secret: 'cubu-generated-secret',
  oldSecret: 'cubu-old-secret',
  wrongSecret: 'cubu-wrong-secret',
  sign: (s) => ({ Authorization: 'HMAC ' + hmac('sha256', s, body, 'base64') }),
});

// HighLevel: Ed25519 in x-ghl-signature, RSA-SHA256 in x-wh-signature, both base64 over the
// raw body (marketplace.gohighlevel.com/docs/webhook/WebhookIntegrationGuide). HighLevel's
// private keys are its own: these pairs are ours, their public halves stand in for the
// published keys.
const ed = crypto.generateKeyPairSync('ed25519');
const edOld = crypto.generateKeyPairSync('ed25519');
const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = (k) => k.export({ type: 'spki', format: 'pem' });
add('highlevel', {
  secret: pem(ed.publicKey),
  oldSecret: pem(edOld.publicKey),
  wrongSecret: pem(crypto.generateKeyPairSync('ed25519').publicKey),
  sign: () => ({ 'x-ghl-signature': crypto.sign(null, Buffer.from(body), ed.privateKey).toString('base64') }),
  extra: {
    rsaPublicKey: pem(rsa.publicKey),
    rsaHeaders: { 'x-wh-signature': crypto.sign('sha256', Buffer.from(body), rsa.privateKey).toString('base64') },
  },
});

// RFC 8032 section 7.1, tests 1-3, checked here with node's Ed25519 before they are written.
const rfc8032 = [
  ['d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', '',
   'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'],
  ['3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c', '72',
   '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00'],
  ['fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025', 'af82',
   '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a'],
].map(([pub, msg, sig]) => {
  const key = crypto.createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(pub, 'hex')]), format: 'der', type: 'spki' });
  if (!crypto.verify(null, Buffer.from(msg, 'hex'), key, Buffer.from(sig, 'hex')))
    throw new Error('RFC 8032 vector does not verify: ' + pub);
  return { publicKeyPem: pem(key), message: msg, signature: sig };
});

for (const v of vectors) {
  v.headers = await v.headers;
}
fs.writeFileSync(new URL('./vectors.json', import.meta.url),
  JSON.stringify({ generatedBy: 'tests/data/signatures/generate.mjs', timestamp: T, vectors, rfc8032 }, null, 2) + '\n');
console.log(`wrote ${vectors.length} preset vectors and ${rfc8032.length} RFC 8032 vectors`);
