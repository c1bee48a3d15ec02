// gort: Go's goroutines, channels, select, timers and sync for C++.
// The one header a program includes. See README.md for the map from Go.
#pragma once

#include <gort/chan.hpp>
#include <gort/config.hpp>
#include <gort/go.hpp>
#include <gort/print.hpp>
#include <gort/run.hpp>
#include <gort/select.hpp>
#include <gort/sync.hpp>
#include <gort/time.hpp>
#include <gort/trace.hpp>
#include <gort/wait_reason.hpp>
