#include "SecretStore.h"

#include "TrustLog.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace hookscope {

namespace {

constexpr int kKeychainTimeoutMs = 3000;

// Runs a keychain job to its end (or the timeout) and returns its error.
QKeychain::Error runJob(QKeychain::Job &job, QString *errorText)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(kKeychainTimeoutMs);
    job.start();
    if (!finished)
        loop.exec();
    if (!finished) {
        *errorText = QStringLiteral("the keychain did not answer within %1 s").arg(kKeychainTimeoutMs / 1000);
        return QKeychain::OtherError;
    }
    *errorText = job.errorString();
    return job.error();
}

// A key as a file name: letters, digits, '-', '_' and '.' kept, the rest hex-escaped.
QString fileNameOf(const QString &key)
{
    QString out;
    for (const QChar c : key) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            out += c;
        else if (c == QLatin1Char('-') || c == QLatin1Char('_') || c == QLatin1Char('.'))
            out += c;
        else
            out += QStringLiteral("%%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    return out + QStringLiteral(".secret");
}

} // namespace

SecretStore::SecretStore(QString fileDir, QString service)
    : m_dir(fileDir.isEmpty() ? defaultDirectory() : std::move(fileDir))
    , m_service(std::move(service))
{
}

QString SecretStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/secrets");
}

QString SecretStore::filePath(const QString &key) const
{
    return m_dir + QLatin1Char('/') + fileNameOf(key);
}

bool SecretStore::keychainAvailable() const
{
    // Without a session bus (CI, SSH, offscreen) the Secret Service cannot answer; asking
    // would only cost the timeout.
    return m_keychainEnabled
        && (qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS")
            || QFile::exists(qEnvironmentVariable("XDG_RUNTIME_DIR") + QStringLiteral("/bus")));
}

std::optional<SecretStore::Backend> SecretStore::write(const QString &key, const QByteArray &secret, QString *error)
{
    if (keychainAvailable()) {
        QKeychain::WritePasswordJob job(m_service);
        job.setKey(key);
        job.setBinaryData(secret);
        QString why;
        if (runJob(job, &why) == QKeychain::NoError) {
            QFile::remove(filePath(key)); // one place per secret
            return Backend::Keychain;
        }
        qCInfo(lcTrust).noquote() << "keychain unavailable, keeping the secret in a private file:" << why;
    }
    if (!QDir().mkpath(m_dir)) {
        *error = QStringLiteral("cannot create %1").arg(m_dir);
        return std::nullopt;
    }
    QFile::setPermissions(m_dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QSaveFile file(filePath(key));
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString());
        return std::nullopt;
    }
    // Restrict the temporary file before a byte of the secret is in it.
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(secret);
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString());
        return std::nullopt;
    }
    return Backend::File;
}

std::optional<QByteArray> SecretStore::read(const QString &key, QString *error) const
{
    if (keychainAvailable()) {
        QKeychain::ReadPasswordJob job(m_service);
        job.setKey(key);
        QString why;
        if (runJob(job, &why) == QKeychain::NoError)
            return job.binaryData();
    }
    QFile file(filePath(key));
    if (!file.exists())
        return std::nullopt;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

bool SecretStore::remove(const QString &key, QString *error)
{
    if (keychainAvailable()) {
        QKeychain::DeletePasswordJob job(m_service);
        job.setKey(key);
        QString why;
        runJob(job, &why); // EntryNotFound is fine
    }
    QFile file(filePath(key));
    if (file.exists() && !file.remove()) {
        *error = QStringLiteral("cannot remove %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

} // namespace hookscope
