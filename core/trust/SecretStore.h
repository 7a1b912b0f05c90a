#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace hookscope {

// Where Hookscope keeps secrets (the endpoint's shared secret, HMAC keys): in the platform
// keychain through QtKeychain (Secret Service, KWallet, macOS Keychain) when one answers,
// else in a file readable by the user only (0600, in a 0700 folder under the config
// directory). Secrets never go to QSettings and are never exported. Blocking calls: a
// keychain job runs a local event loop for at most a few seconds.
class SecretStore final
{
public:
    enum class Backend { Keychain, File };

    // `fileDir` empty: <AppConfigLocation>/secrets.
    explicit SecretStore(QString fileDir = {}, QString service = QStringLiteral("hookscope"));

    // Tests and headless runs without a session bus use the file only.
    void setKeychainEnabled(bool enabled) { m_keychainEnabled = enabled; }
    [[nodiscard]] bool keychainAvailable() const;

    // Returns where the secret went, or nothing with *error set.
    std::optional<Backend> write(const QString &key, const QByteArray &secret, QString *error);
    // Nothing when there is no such secret (then *error stays empty) or it cannot be read.
    [[nodiscard]] std::optional<QByteArray> read(const QString &key, QString *error) const;
    bool remove(const QString &key, QString *error);

    [[nodiscard]] QString filePath(const QString &key) const;
    [[nodiscard]] static QString defaultDirectory();

private:
    QString m_dir;
    QString m_service;
    bool m_keychainEnabled = true;
};

} // namespace hookscope
