// A P's OS thread: std::thread's start and join, plus try_join, which
// std::thread lacks and a browser's main thread needs: it must never block,
// so it collects a finished program's threads on a later frame instead of
// joining them (Program::reap; DESIGN.md, Switching programs).
// POSIX threads, natively and under Emscripten.
//
// Invariant: joinable() from start() until join(), or a try_join() that
// returned true; a joinable OsThread is never destroyed.
#pragma once

#include <pthread.h>

#include <exception>
#include <functional>
#include <system_error>
#include <utility>

namespace gort::detail {

class OsThread {
 public:
  OsThread() = default;
  ~OsThread() {
    if (joinable_) std::terminate();  // as std::thread's
  }
  OsThread(const OsThread&) = delete;
  OsThread& operator=(const OsThread&) = delete;

  void start(std::function<void()> fn) {
    auto* f = new std::function<void()>(std::move(fn));
    if (int e = pthread_create(&t_, nullptr, &OsThread::entry, f); e != 0) {
      delete f;
      throw std::system_error(e, std::generic_category(), "gort: cannot start a thread");
    }
    joinable_ = true;
  }
  bool joinable() const { return joinable_; }
  void join() {
    pthread_join(t_, nullptr);
    joinable_ = false;
  }
  // Joins the thread if it has ended; false, at once, while it runs.
  bool try_join() {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
    // The single-threaded build has no pthread_tryjoin_np and runs no
    // threads (Config::kThreads): a join there cannot block.
    join();
#else
    if (pthread_tryjoin_np(t_, nullptr) != 0) return false;
    joinable_ = false;
#endif
    return true;
  }

 private:
  static void* entry(void* arg) {
    auto* heap = static_cast<std::function<void()>*>(arg);
    // On this stack: a thread may end in pthread_exit, past any delete here.
    std::function<void()> fn = std::move(*heap);
    delete heap;
    fn();
    return nullptr;
  }

  pthread_t t_{};
  bool joinable_ = false;
};

}  // namespace gort::detail
