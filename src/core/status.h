// core: the project's one error type (Status, Result<T>) and small leaf
// utilities that every other library may use. Nothing here does I/O.
#pragma once

#include <string>
#include <utility>
#include <optional>

namespace craftlink {

// What kind of failure a Status carries. The HTTP and CLI edges map these to
// status codes and exit codes; nothing below them formats user-facing errors.
enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,   // the caller's input is wrong (bad field, bad file)
  kNotFound,          // a referenced record does not exist
  kConflict,          // a duplicate id, a stale version, an invalid transition
  kPermissionDenied,  // the caller may not do this
  kUnauthenticated,   // the caller is not signed in
  kResourceExhausted, // too many requests: back off and retry later
  kUnavailable,       // a dependency (database server) cannot be reached
  kIoError,           // file system or network failure
  kCorruption,        // stored data is not what it must be
  kInternal,          // a bug
};

const char* ErrorCodeName(ErrorCode code);

// Status is the outcome of an operation that returns no value. It is cheap to
// copy when ok (no allocation). `field` names the input field at fault, where
// there is one, so that edges can say what and where.
class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Invalid(std::string message, std::string field = {}) {
    return Status(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
  }
  static Status NotFound(std::string message) { return Status(ErrorCode::kNotFound, std::move(message)); }
  static Status Conflict(std::string message) { return Status(ErrorCode::kConflict, std::move(message)); }
  static Status PermissionDenied(std::string message) {
    return Status(ErrorCode::kPermissionDenied, std::move(message));
  }
  static Status Unavailable(std::string message) { return Status(ErrorCode::kUnavailable, std::move(message)); }
  static Status ResourceExhausted(std::string message) {
    return Status(ErrorCode::kResourceExhausted, std::move(message));
  }
  static Status IoError(std::string message) { return Status(ErrorCode::kIoError, std::move(message)); }
  static Status Corruption(std::string message) { return Status(ErrorCode::kCorruption, std::move(message)); }
  static Status Internal(std::string message) { return Status(ErrorCode::kInternal, std::move(message)); }

  Status(ErrorCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  // "invalid_argument: field: message" — for logs and CLI output.
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::string field_;
};

// Result<T> holds either a value or a non-ok Status (GCC 12 has no std::expected).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  // `status` must not be ok: a Result without a value is an error.
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (status_.ok()) status_ = Status::Internal("Result constructed from an ok Status without a value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  // An optional beside a Status rather than a variant: GCC 12 reports false
  // maybe-uninitialized warnings through std::variant<..., std::string>.
  std::optional<T> value_;
  Status status_;
};

}  // namespace craftlink

// Returns early from the enclosing function when `expr` yields a non-ok Status.
#define CRAFTLINK_RETURN_IF_ERROR(expr)            \
  do {                                             \
    ::craftlink::Status craftlink_status_ = (expr); \
    if (!craftlink_status_.ok()) return craftlink_status_; \
  } while (0)
