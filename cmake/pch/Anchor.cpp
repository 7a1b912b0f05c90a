// The translation unit that carries a shared precompiled header (cmake/FastBuild.cmake).
