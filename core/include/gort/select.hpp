// gort::select: Go's select statement.
//
//   int i = gort::select(gort::case_recv(a, [](int v, bool ok) {...}),
//                        gort::case_send(b, 42, [] {...}),
//                        gort::case_default([] {...}));
//
// Among the cases that can proceed, one is chosen uniformly at random; its
// callback runs after the select has finished (outside every channel lock)
// and select returns its index. A default case runs only when nothing else
// is ready. Cases on nil channels are never chosen; `select()` with no cases
// blocks forever, like `select {}`. Callbacks are optional.
// gort::Case is the type-erased form for a list of cases built at run time.
#pragma once

#include <array>
#include <gort/chan.hpp>
#include <gort/detail/runtime.hpp>
#include <memory>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace gort {

namespace detail {
struct NoCallback {};

template <class T, class F>
struct RecvCase {
  Chan<T> ch;
  F f;
  T v{};
  scase make() { return {ch.raw(), &v, false}; }
  void fire(bool ok) {
    if constexpr (std::is_invocable_v<F&, T, bool>) {
      f(std::move(v), ok);
    } else if constexpr (std::is_invocable_v<F&, T>) {
      f(std::move(v));
    } else if constexpr (std::is_invocable_v<F&>) {
      f();
    } else {
      static_assert(std::is_same_v<F, NoCallback>,
                    "case_recv callback must take (T, bool), (T) or ()");
    }
  }
};

template <class T, class F>
struct SendCase {
  Chan<T> ch;
  T v;
  F f;
  scase make() { return {ch.raw(), &v, true}; }
  void fire(bool) {
    if constexpr (!std::is_same_v<F, NoCallback>) f();
  }
};

template <class F>
struct DefaultCase {
  F f;
  void fire(bool) {
    if constexpr (!std::is_same_v<F, NoCallback>) f();
  }
};

template <class C>
inline constexpr bool is_default_case = false;
template <class F>
inline constexpr bool is_default_case<DefaultCase<F>> = true;
}  // namespace detail

template <class T, class F = detail::NoCallback>
detail::RecvCase<T, F> case_recv(const Chan<T>& ch, F f = {}) {
  return {ch, std::move(f)};
}
template <class T, class V, class F = detail::NoCallback>
detail::SendCase<T, F> case_send(const Chan<T>& ch, V&& v, F f = {}) {
  return {ch, T(std::forward<V>(v)), std::move(f)};
}
template <class F = detail::NoCallback>
detail::DefaultCase<F> case_default(F f = {}) {
  return {std::move(f)};
}

template <class... Cases>
int select(Cases&&... cases) {
  constexpr int kDefaults = (0 + ... + (detail::is_default_case<std::decay_t<Cases>> ? 1 : 0));
  static_assert(kDefaults <= 1, "select has more than one default case");
  auto all = std::forward_as_tuple(cases...);
  // Channel cases keep their order; the default (wherever written) is not one of them.
  std::array<detail::scase, sizeof...(Cases) - kDefaults + 1> sc{};
  std::array<int, sizeof...(Cases) + 1> index{};  // position in sc -> argument index
  int n = 0, default_arg = -1;
  std::apply(
      [&](auto&... c) {
        [[maybe_unused]] int arg = 0;
        (
            [&](auto& one) {
              if constexpr (detail::is_default_case<std::decay_t<decltype(one)>>) {
                default_arg = arg;
              } else {
                index[n] = arg;
                sc[n++] = one.make();
              }
              arg++;
            }(c),
            ...);
      },
      all);
  bool ok = false;
  int chosen = -1;
  detail::Status s = detail::select_go(sc.data(), n, kDefaults == 0, &chosen, &ok);
  if (s != detail::Status::WouldBlock) detail::check(s);
  int fired = chosen < 0 ? default_arg : index[chosen];
  std::apply(
      [&](auto&... c) {
        [[maybe_unused]] int arg = 0;
        ((arg++ == fired ? c.fire(ok) : void()), ...);
      },
      all);
  return fired;
}

// A select case whose type is erased, for lists of cases built at run time.
class Case {
 public:
  template <class C>
  Case(C c) : impl_(std::make_unique<Impl<C>>(std::move(c))) {}  // NOLINT: implicit by design

  bool is_default() const { return impl_->is_default(); }
  detail::scase make() { return impl_->make(); }
  void fire(bool ok) { impl_->fire(ok); }

 private:
  struct Base {
    virtual ~Base() = default;
    virtual bool is_default() const = 0;
    virtual detail::scase make() = 0;
    virtual void fire(bool ok) = 0;
  };
  template <class C>
  struct Impl final : Base {
    explicit Impl(C c) : c(std::move(c)) {}
    bool is_default() const override { return detail::is_default_case<C>; }
    detail::scase make() override {
      if constexpr (detail::is_default_case<C>) {
        return {};
      } else {
        return c.make();
      }
    }
    void fire(bool ok) override { c.fire(ok); }
    C c;
  };
  std::unique_ptr<Base> impl_;
};

// select over cases known only at run time; returns the index of the case
// that ran. At most one may be a default case.
int select(std::span<Case> cases);

}  // namespace gort
