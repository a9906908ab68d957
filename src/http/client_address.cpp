#include "http/client_address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

namespace craftlink::http {
namespace {

// inet_pton needs a terminated string; addresses are short, so a bound
// also keeps a huge header entry from being copied.
constexpr size_t kMaxAddressText = 64;

// An address with nothing around it: dotted IPv4 (exactly four decimal
// parts, as inet_pton accepts) or IPv6 text.
std::optional<IpAddress> ParsePlain(std::string_view text) {
  if (text.empty() || text.size() > kMaxAddressText) return std::nullopt;
  const std::string terminated(text);
  IpAddress out;
  in_addr v4{};
  if (inet_pton(AF_INET, terminated.c_str(), &v4) == 1) {
    out.bytes[10] = 0xff;
    out.bytes[11] = 0xff;
    std::copy_n(reinterpret_cast<const uint8_t*>(&v4.s_addr), 4, out.bytes.begin() + 12);
    out.v4 = true;
    return out;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, terminated.c_str(), &v6) != 1) return std::nullopt;
  std::copy_n(v6.s6_addr, 16, out.bytes.begin());
  // ::ffff:a.b.c.d is how a dual-stack socket reports an IPv4 peer.
  out.v4 = std::all_of(out.bytes.begin(), out.bytes.begin() + 10, [](uint8_t b) { return b == 0; }) &&
           out.bytes[10] == 0xff && out.bytes[11] == 0xff;
  return out;
}

bool IsPort(std::string_view text) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && text.size() <= 5 && error == std::errc() && end == text.data() + text.size() &&
         value <= 65535;
}

std::string_view Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// Whether the first `prefix` bits of `a` and `b` agree.
bool SamePrefix(const IpAddress& a, const IpAddress& b, int prefix) {
  const int whole = prefix / 8;
  if (!std::equal(a.bytes.begin(), a.bytes.begin() + whole, b.bytes.begin())) return false;
  const int rest = prefix % 8;
  if (rest == 0) return true;
  const uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (a.bytes[whole] & mask) == (b.bytes[whole] & mask);
}

IpAddress Masked(IpAddress address, int prefix) {
  for (int bit = prefix; bit < 128; ++bit) {
    address.bytes[bit / 8] &= static_cast<uint8_t>(~(0x80 >> (bit % 8)));
  }
  return address;
}

Status BadCidr(const std::string& cidr, const std::string& why) {
  return Status::Invalid(
      "--trusted-proxy「" + cidr + "」" + why + "，应写作 10.0.0.0/8、127.0.0.1 或 fd00::/8 (bad CIDR)",
      "trusted-proxy");
}

}  // namespace

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view after = text.substr(close + 1);
    if (!after.empty() && (after.front() != ':' || !IsPort(after.substr(1)))) return std::nullopt;
    const std::string_view inner = text.substr(1, close - 1);
    if (inner.find(':') == std::string_view::npos) return std::nullopt;  // brackets hold IPv6 text only
    return ParsePlain(inner.substr(0, inner.find('%')));
  }
  const size_t colon = text.find(':');
  if (colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos) {
    // One colon: "a.b.c.d:port". IPv6 always has at least two.
    if (!IsPort(text.substr(colon + 1))) return std::nullopt;
    auto v4 = ParsePlain(text.substr(0, colon));
    return v4 && v4->v4 ? v4 : std::nullopt;
  }
  if (colon != std::string_view::npos) text = text.substr(0, text.find('%'));  // IPv6 zone
  return ParsePlain(text);
}

std::string FormatIpAddress(const IpAddress& address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.v4) {
    inet_ntop(AF_INET, address.bytes.data() + 12, text, sizeof text);
  } else {
    inet_ntop(AF_INET6, address.bytes.data(), text, sizeof text);
  }
  return text;
}

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& cidrs) {
  TrustedProxies out;
  for (const std::string& cidr : cidrs) {
    const size_t slash = cidr.find('/');
    const std::string text = cidr.substr(0, slash);
    auto base = ParsePlain(text);
    if (!base) return BadCidr(cidr, "不是 IPv4 或 IPv6 地址");
    // The prefix counts bits of the address as written: ::ffff:10.0.0.0/104
    // and 10.0.0.0/8 are the same network.
    const bool written_v6 = text.find(':') != std::string::npos;
    const int width = written_v6 ? 128 : 32;
    int prefix = width;
    if (slash != std::string::npos) {
      const std::string_view digits = std::string_view(cidr).substr(slash + 1);
      const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
      if (digits.empty() || digits.size() > 3 || error != std::errc() || end != digits.data() + digits.size() ||
          prefix < 0 || prefix > width) {
        return BadCidr(cidr, "的前缀长度应为 0 到 " + std::to_string(width));
      }
    }
    const int mapped_prefix = written_v6 ? prefix : prefix + 96;
    const IpAddress network = Masked(*base, mapped_prefix);
    if (!(network == *base)) {
      return BadCidr(cidr,
                     "的主机位不为零（是不是想写 " + FormatIpAddress(network) + "/" + std::to_string(prefix) + "？）");
    }
    out.networks_.push_back({network, mapped_prefix});
  }
  return out;
}

bool TrustedProxies::Contains(const IpAddress& address) const {
  return std::any_of(networks_.begin(), networks_.end(),
                     [&](const Network& n) { return SamePrefix(address, n.base, n.prefix); });
}

std::string TrustedProxies::ToString() const {
  std::string out;
  for (const Network& n : networks_) {
    if (!out.empty()) out += ", ";
    out += FormatIpAddress(n.base) + "/" + std::to_string(n.base.v4 ? n.prefix - 96 : n.prefix);
  }
  return out;
}

std::string TrustedProxies::ClientAddress(std::string_view peer, const std::vector<std::string>& forwarded_for) const {
  const auto peer_address = ParseIpAddress(peer);
  if (!peer_address || !Contains(*peer_address)) return std::string(peer);
  // Entries left to right over all header lines: several X-Forwarded-For
  // lines mean the same as one joined with commas (RFC 9110, 5.3).
  std::vector<std::string_view> hops;
  for (const std::string& value : forwarded_for) {
    for (size_t start = 0;;) {
      const size_t comma = value.find(',', start);
      hops.push_back(Trim(std::string_view(value).substr(start, comma - start)));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  std::string nearest(peer);
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    const auto address = ParseIpAddress(*hop);
    if (!address) break;  // nothing left of garbage can be believed
    nearest = FormatIpAddress(*address);
    if (!Contains(*address)) break;
  }
  return nearest;
}

}  // namespace craftlink::http
