#pragma once

// Which address a request comes from when the server sits behind reverse
// proxies (nginx). The TCP peer is then the proxy; the client's address is
// in X-Forwarded-For, which each proxy extends on the right with the address
// it received the request from. Everything left of what a trusted proxy
// wrote came from the client itself and may be made up, so the header is
// read from the right and only through proxies the operator named.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace craftlink::http {

// An IPv4 or IPv6 address. IPv4 is held as IPv4-mapped IPv6 (::ffff:a.b.c.d)
// so that one comparison serves both families and a dual-stack peer
// "::ffff:127.0.0.1" is the same address as "127.0.0.1".
struct IpAddress {
  std::array<uint8_t, 16> bytes{};
  bool v4 = false;

  bool operator==(const IpAddress&) const = default;
};

// Parses "203.0.113.7", "2001:db8::1", and the forms proxies put in
// X-Forwarded-For: "203.0.113.7:4711", "[2001:db8::1]", "[2001:db8::1]:443".
// An IPv6 zone ("fe80::1%eth0") is dropped. Anything else (names, "unknown",
// RFC 7239 "_hidden" tokens, empty text) is nullopt.
std::optional<IpAddress> ParseIpAddress(std::string_view text);

// Dotted IPv4, or IPv6 in RFC 5952 form (lower case, "::" compressed).
std::string FormatIpAddress(const IpAddress& address);

// The networks whose X-Forwarded-For the server believes. Immutable after
// Parse, so one instance may be read from every request thread at once.
class TrustedProxies {
 public:
  TrustedProxies() = default;  // trusts nobody: the TCP peer is the client

  // Each entry is a CIDR ("10.0.0.0/8", "fd00::/8") or a bare address (one
  // host). Invalid names the first bad entry: a malformed address or
  // prefix, or host bits set below the prefix ("10.0.0.1/8"), which is
  // almost always a typo for a different network than the one meant.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& cidrs);

  bool empty() const { return networks_.empty(); }
  bool Contains(const IpAddress& address) const;
  // "127.0.0.1/32, fd00::/8": for the start-up log.
  std::string ToString() const;

  // The client address of a request from `peer` (the TCP peer, as the
  // socket reports it) carrying `forwarded_for` (each X-Forwarded-For
  // header value, in the order received). Untrusted peer: `peer`, header
  // ignored. Trusted peer: walking the entries from the right, the first one
  // that is not itself a trusted proxy. A malformed entry ends the walk at
  // the last address that was believable (the trusted hop that passed it
  // on); when every entry is a trusted proxy, the left-most one.
  std::string ClientAddress(std::string_view peer, const std::vector<std::string>& forwarded_for) const;

 private:
  struct Network {
    IpAddress base;  // host bits zero
    int prefix = 0;  // over the 128-bit (mapped) form
  };

  std::vector<Network> networks_;
};

}  // namespace craftlink::http
