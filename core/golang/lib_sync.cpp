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

// TryLock's result: whether it locked (WouldBlock: no).
bool locked(Thread& th, rt::Status s) {
  return s != rt::Status::WouldBlock && th.status(s);
}

const NativeDef kSync[] = {
    {"sync.Mutex.Lock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[0])) th.status(rt::mutex_lock(m, true));
     }},
    {"sync.Mutex.Unlock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[0])) th.status(rt::mutex_unlock(m));
     }},
    {"sync.Mutex.TryLock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[1])) f[0].i = locked(th, rt::mutex_lock(m, false));
     }},
    {"sync.RWMutex.Lock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[0])) th.status(rt::rw_lock(m, false, true));
     }},
    {"sync.RWMutex.Unlock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[0])) th.status(rt::rw_unlock(m, false));
     }},
    {"sync.RWMutex.RLock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[0])) th.status(rt::rw_lock(m, true, true));
     }},
    {"sync.RWMutex.RUnlock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[0])) th.status(rt::rw_unlock(m, true));
     }},
    {"sync.RWMutex.TryLock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[1])) f[0].i = locked(th, rt::rw_lock(m, false, false));
     }},
    {"sync.RWMutex.TryRLock",
     [](Thread& th, Value* f) {
       if (void* m = recv(th, f[1])) f[0].i = locked(th, rt::rw_lock(m, true, false));
     }},
    {"sync.WaitGroup.Add",
     [](Thread& th, Value* f) {
       if (void* w = recv(th, f[0])) th.status(rt::wg_add(w, f[1].i));
     }},
    {"sync.WaitGroup.Done",
     [](Thread& th, Value* f) {
       if (void* w = recv(th, f[0])) th.status(rt::wg_add(w, -1));
     }},
    {"sync.WaitGroup.Wait",
     [](Thread& th, Value* f) {
       if (void* w = recv(th, f[0])) th.status(rt::wg_wait(w));
     }},
};

}  // namespace

std::span<const NativeDef> sync_natives() {
  return kSync;
}

}  // namespace gort::golang
