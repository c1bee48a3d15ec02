// sync's natives: Mutex, RWMutex and WaitGroup are gort's own, built in
// place in the Go struct's words (a zeroed gort::Mutex is an unlocked one).
#include "natives.hpp"
#include "rt.hpp"
#include "vm.hpp"

namespace gort::golang {

namespace {

// The receiver of a pointer method: a nil one is Go's nil dereference.
void* recv(Thread& th, Value v) {
  if (!v.p) th.panic_runtime("invalid memory address or nil pointer dereference");
  return v.p;
}

#define SYNC_CALL(call)                  \
  do {                                   \
    if (!(call)) th.panic_plain(th.msg); \
  } while (0)

const NativeDef kSync[] = {
    {"sync.Mutex.Lock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[0])) SYNC_CALL(rt::mutex_lock(m, &th.msg));
     }},
    {"sync.Mutex.Unlock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[0])) SYNC_CALL(rt::mutex_unlock(m, &th.msg));
     }},
    {"sync.Mutex.TryLock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[1])) f[0].i = rt::mutex_trylock(m);
     }},
    {"sync.RWMutex.Lock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[0])) SYNC_CALL(rt::rw_lock(m, false, &th.msg));
     }},
    {"sync.RWMutex.Unlock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[0])) SYNC_CALL(rt::rw_unlock(m, false, &th.msg));
     }},
    {"sync.RWMutex.RLock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[0])) SYNC_CALL(rt::rw_lock(m, true, &th.msg));
     }},
    {"sync.RWMutex.RUnlock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[0])) SYNC_CALL(rt::rw_unlock(m, true, &th.msg));
     }},
    {"sync.RWMutex.TryLock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[1])) f[0].i = rt::rw_trylock(m, false);
     }},
    {"sync.RWMutex.TryRLock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[1])) f[0].i = rt::rw_trylock(m, true);
     }},
    {"sync.WaitGroup.Add",
     [](Thread& th, Value* f) {
       if (void* w = recv(th, f[0])) SYNC_CALL(rt::wg_add(w, f[1].i, &th.msg));
     }},
    {"sync.WaitGroup.Done",
     [](Thread& th, Value* f) {
       if (void* w = recv(th, f[0])) SYNC_CALL(rt::wg_add(w, -1, &th.msg));
     }},
    {"sync.WaitGroup.Wait",
     [](Thread& th, Value* f) {
       if (void* w = recv(th, f[0])) SYNC_CALL(rt::wg_wait(w, &th.msg));
     }},
};

#undef SYNC_CALL

}  // namespace

std::span<const NativeDef> sync_natives() {
  return kSync;
}

}  // namespace gort::golang
