# core/trust: endpoint protection (shared secret, path allow-list), signature verification
# (HMAC via QtCore, RSA via OpenSSL's EVP API) and secret storage. QtCore only, no widgets.
find_package(OpenSSL REQUIRED COMPONENTS Crypto GLOBAL) # GLOBAL: hookscope_core is static, its users link it too
target_sources(hookscope_core PRIVATE
  trust/ConstantTime.h trust/ConstantTime.cpp
  trust/EndpointGuard.h trust/EndpointGuard.cpp
  trust/GuardConfig.h trust/GuardConfig.cpp
  trust/SecretRedaction.h trust/SecretRedaction.cpp
  trust/SignatureRule.h trust/SignatureRule.cpp
  trust/SignatureStatus.h
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
