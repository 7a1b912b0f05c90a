// Precompiled once and reused by every core test executable (HOOKSCOPE_FAST_BUILD).
#pragma once
#include "CorePch.h"
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
