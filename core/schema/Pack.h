#pragma once

#include <QString>

namespace hookscope {

// A vendor pack: a folder of kinds, schemas, samples, presets and a hold policy for one vendor
// (resources/packs/<id>/pack.json, documented in resources/packs/README.md). Plain data.
struct Pack {
    enum class Origin { BuiltIn, User };

    QString id; // the folder name: "cubu"
    QString title; // "Cubu"
    QString docs; // the vendor's webhook documentation page
    QString setup; // what to configure in the vendor's console, with the URL to give it
    QString signature; // the signature preset of the vendor's scheme ("cubu", "standard-webhooks", …)
    QString directory; // the pack folder
    Origin origin = Origin::BuiltIn;
    bool disabled = false; // a user pack.json with "disabled": true switches the whole pack off
};

} // namespace hookscope
