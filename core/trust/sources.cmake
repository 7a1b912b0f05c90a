# core/trust: endpoint protection (shared secret, path allow-list), signature verification
# (HMAC via QtCore, RSA and Ed25519 via OpenSSL's EVP API, presets per vendor) and secret storage. QtCore only, no widgets.
find_package(OpenSSL REQUIRED COMPONENTS Crypto GLOBAL) # GLOBAL: hookscope_core is static, its users link it too
target_sources(hookscope_core PRIVATE
  trust/ConstantTime.h trust/ConstantTime.cpp
  trust/DeliveryIdLog.h trust/DeliveryIdLog.cpp
  trust/KeyMaterial.h trust/KeyMaterial.cpp
  trust/SignatureHeaderParser.h trust/SignatureHeaderParser.cpp
  trust/SignaturePresets.h trust/SignaturePresets.cpp
  trust/SignatureScheme.h trust/SignatureScheme.cpp
  trust/SignatureSigner.h trust/SignatureSigner.cpp
  trust/EndpointGuard.h trust/EndpointGuard.cpp
  trust/GuardConfig.h trust/GuardConfig.cpp
  trust/SecretRedaction.h trust/SecretRedaction.cpp
  trust/SignatureRule.h trust/SignatureRule.cpp
  trust/SignatureVerifier.h trust/SignatureVerifier.cpp
  trust/TrustInspector.h trust/TrustInspector.cpp
  trust/TrustLog.h trust/TrustLog.cpp
  trust/VerifierSlot.h trust/VerifierSlot.cpp
)
target_link_libraries(hookscope_core PRIVATE OpenSSL::Crypto)

# Secrets in the platform keychain (QtKeychain, Debian: qtkeychain-qt6-dev), else a 0600 file.
find_package(Qt6Keychain REQUIRED GLOBAL)
target_sources(hookscope_core PRIVATE trust/SecretStore.h trust/SecretStore.cpp trust/TrustSettings.h trust/TrustSettings.cpp)
target_link_libraries(hookscope_core PRIVATE qt6keychain)
