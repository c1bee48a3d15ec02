// runtime's and os's natives.
#include <thread>

#include "natives.hpp"
#include "rt.hpp"
#include "vm.hpp"

namespace gort::golang {

namespace {

const NativeDef kRuntime[] = {
    {"runtime.Gosched", [](Thread& th, Value*) { th.status(rt::yield()); }},
    {"runtime.NumGoroutine",
     [](Thread&, Value* f) { f[0].i = static_cast<std::int64_t>(rt::num_goroutine()); }},
    {"runtime.GOMAXPROCS", [](Thread&, Value* f) { f[0].i = rt::procs(); }},
    {"runtime.GC", [](Thread& th, Value*) { collect(th); }},
    {"runtime.NumCPU",
     [](Thread&, Value* f) {
       unsigned n = std::thread::hardware_concurrency();
       f[0].i = n ? n : 1;
     }},
    {"os.Exit", [](Thread& th, Value* f) { th.end(static_cast<int>(f[0].i)); }},
    {"os.File.Write",
     [](Thread& th, Value* f) {
       // (n int, err error), then f *File, b []byte
       std::int64_t fd = f[2].p ? static_cast<Value*>(f[2].p)->i : 0;
       auto* s = static_cast<SliceObj*>(f[3].p);
       std::string& buf = th.buffer();
       if (s) {
         for (std::int64_t i = 0; i < s->len; i++) buf += static_cast<char>(s->data[i].i);
       }
       th.write(fd == 2, buf);
       f[0].i = static_cast<std::int64_t>(buf.size());
       f[1].i = 0;
       th.release_buffer();
     }},
};

}  // namespace

std::span<const NativeDef> runtime_natives() {
  return kRuntime;
}

NativeFn find_native(std::string_view name) {
  for (auto list : {fmt_natives(), time_natives(), sync_natives(), runtime_natives(),
                    errors_natives(), text_natives(), math_natives()}) {
    for (const NativeDef& d : list) {
      if (name == d.name) return d.fn;
    }
  }
  return nullptr;
}

}  // namespace gort::golang
