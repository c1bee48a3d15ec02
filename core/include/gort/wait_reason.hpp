// Why a goroutine is blocked, with the exact words current Go (1.22+) prints
// in goroutine headers ("goroutine 1 [chan receive]:").
#pragma once

#include <cstdint>
#include <string_view>

namespace gort {

enum class WaitReason : std::uint8_t {
  None,
  ChanReceive,
  ChanSend,
  ChanReceiveNilChan,
  ChanSendNilChan,
  Select,
  SelectNoCases,
  Sleep,
  WaitGroupWait,
  MutexLock,
  RWMutexLock,
  RWMutexRLock,
};

constexpr std::string_view wait_reason_text(WaitReason r) {
  switch (r) {
    case WaitReason::None:
      return "";
    case WaitReason::ChanReceive:
      return "chan receive";
    case WaitReason::ChanSend:
      return "chan send";
    case WaitReason::ChanReceiveNilChan:
      return "chan receive (nil chan)";
    case WaitReason::ChanSendNilChan:
      return "chan send (nil chan)";
    case WaitReason::Select:
      return "select";
    case WaitReason::SelectNoCases:
      return "select (no cases)";
    case WaitReason::Sleep:
      return "sleep";
    case WaitReason::WaitGroupWait:
      return "sync.WaitGroup.Wait";
    case WaitReason::MutexLock:
      return "sync.Mutex.Lock";
    case WaitReason::RWMutexLock:
      return "sync.RWMutex.Lock";
    case WaitReason::RWMutexRLock:
      return "sync.RWMutex.RLock";
  }
  return "";
}

}  // namespace gort
