// The test runner: doctest's own main. Each test file covers one runtime
// concept (chan_test.cpp: core/src/chan.cpp, and so on).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
