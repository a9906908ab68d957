// FunctionRef: a non-owning, non-allocating reference to a callable, used for
// the analyser's per-token callbacks (std::function may allocate per call site).
#pragma once

#include <memory>
#include <type_traits>
#include <utility>

namespace craftlink::text {

template <typename Signature>
class FunctionRef;

// The referenced callable must outlive the FunctionRef; pass lambdas directly
// as arguments, never store a FunctionRef built from a temporary.
template <typename R, typename... Args>
class FunctionRef<R(Args...)> {
 public:
  template <typename F>
    requires(!std::is_same_v<std::remove_cvref_t<F>, FunctionRef> && std::is_invocable_r_v<R, F&, Args...>)
  FunctionRef(F&& f) noexcept  // NOLINT(google-explicit-constructor)
      : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        call_([](void* object, Args... args) -> R {
          return (*static_cast<std::remove_reference_t<F>*>(object))(std::forward<Args>(args)...);
        }) {}

  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

}  // namespace craftlink::text
