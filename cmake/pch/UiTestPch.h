// Precompiled once and reused by every widget test executable (HOOKSCOPE_FAST_BUILD).
#pragma once
#include "UiPch.h"
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
