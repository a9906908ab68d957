// The client address behind trusted proxies: which X-Forwarded-For entry is
// believed, and that a client cannot choose its own address by sending the
// header itself (directly, or through the proxy that extends it).
#include "http/client_address.h"

#include <gtest/gtest.h>

namespace craftlink::http {
namespace {

TrustedProxies Trust(const std::vector<std::string>& cidrs) {
  auto parsed = TrustedProxies::Parse(cidrs);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? *parsed : TrustedProxies();
}

std::string Parsed(std::string_view text) {
  auto address = ParseIpAddress(text);
  return address ? FormatIpAddress(*address) : "<none>";
}

TEST(ParseIpAddressTest, ReadsPlainAddressesAndTheFormsProxiesWrite) {
  EXPECT_EQ(Parsed("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(Parsed("2001:DB8:0:0::7"), "2001:db8::7");  // canonical form, so one client is one key
  EXPECT_EQ(Parsed("203.0.113.7:4711"), "203.0.113.7");
  EXPECT_EQ(Parsed("[2001:db8::7]"), "2001:db8::7");
  EXPECT_EQ(Parsed("[2001:db8::7]:443"), "2001:db8::7");
  EXPECT_EQ(Parsed("fe80::1%eth0"), "fe80::1");
  // A dual-stack socket's IPv4 peer is the IPv4 address.
  EXPECT_EQ(Parsed("::ffff:127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(ParseIpAddress("::ffff:127.0.0.1"), ParseIpAddress("127.0.0.1"));
}

TEST(ParseIpAddressTest, RefusesWhatIsNotAnAddress) {
  for (const char* text : {"", "unknown", "_hidden", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1",
                           "1.2.3.4:", "1.2.3.4:99999", "1.2.3.4:80x", "[1.2.3.4]", "[::1", "[::1]x",
                           "[::1]:", "1.2.3.4 5.6.7.8", "::g", "2001:db8::7:443:1:2:3:4:5"}) {
    EXPECT_FALSE(ParseIpAddress(text).has_value()) << text;
  }
  EXPECT_FALSE(ParseIpAddress(std::string(100, '1')).has_value());
}

TEST(TrustedProxiesTest, ParsesIpv4AndIpv6NetworksAndBareHosts) {
  const TrustedProxies proxies = Trust({"10.0.0.0/8", "127.0.0.1", "fd00::/8", "::1/128", "192.168.1.128/25"});
  EXPECT_EQ(proxies.ToString(), "10.0.0.0/8, 127.0.0.1/32, fd00::/8, ::1/128, 192.168.1.128/25");
  EXPECT_TRUE(proxies.Contains(*ParseIpAddress("10.255.1.2")));
  EXPECT_FALSE(proxies.Contains(*ParseIpAddress("11.0.0.1")));
  EXPECT_TRUE(proxies.Contains(*ParseIpAddress("::ffff:10.1.2.3")));
  EXPECT_TRUE(proxies.Contains(*ParseIpAddress("127.0.0.1")));
  EXPECT_FALSE(proxies.Contains(*ParseIpAddress("127.0.0.2")));
  EXPECT_TRUE(proxies.Contains(*ParseIpAddress("fd12:3456::1")));
  EXPECT_FALSE(proxies.Contains(*ParseIpAddress("fe80::1")));
  EXPECT_TRUE(proxies.Contains(*ParseIpAddress("::1")));
  EXPECT_TRUE(proxies.Contains(*ParseIpAddress("192.168.1.200")));
  EXPECT_FALSE(proxies.Contains(*ParseIpAddress("192.168.1.127")));
  // An IPv4 network never covers IPv6 addresses, whatever their low bits.
  EXPECT_FALSE(Trust({"0.0.0.0/0"}).Contains(*ParseIpAddress("2001:db8::a00:1")));
  EXPECT_TRUE(Trust({"0.0.0.0/0"}).Contains(*ParseIpAddress("198.51.100.1")));
  EXPECT_TRUE(Trust({"::ffff:10.0.0.0/104"}).Contains(*ParseIpAddress("10.9.9.9")));
  EXPECT_TRUE(TrustedProxies().empty());
}

TEST(TrustedProxiesTest, RefusesABadCidrNamingIt) {
  for (const char* bad : {"", "abc", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/8x", "10.0.0.0/-1", "10.0.0.0/8/8", "::/129",
                          "10.0.0/8", "[::1]/128", "10.0.0.1:80/32", "localhost"}) {
    auto parsed = TrustedProxies::Parse({"127.0.0.1/32", bad});
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_NE(parsed.status().message().find(std::string("「") + bad + "」"), std::string::npos)
        << parsed.status().message();
  }
  // Host bits below the prefix: a typo for some other network.
  auto typo = TrustedProxies::Parse({"10.0.0.1/8"});
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.status().message().find("10.0.0.0/8"), std::string::npos) << typo.status().message();
  EXPECT_FALSE(TrustedProxies::Parse({"fd00::1/8"}).ok());
}

TEST(ClientAddressTest, WithoutTrustedProxiesTheHeaderIsIgnored) {
  EXPECT_EQ(TrustedProxies().ClientAddress("127.0.0.1", {"203.0.113.7"}), "127.0.0.1");
}

TEST(ClientAddressTest, AClientTalkingDirectlyCannotClaimAnotherAddress) {
  const TrustedProxies proxies = Trust({"127.0.0.1/32", "10.0.0.0/8"});
  EXPECT_EQ(proxies.ClientAddress("198.51.100.9", {"203.0.113.7"}), "198.51.100.9");
  // Not even that of a trusted proxy's network.
  EXPECT_EQ(proxies.ClientAddress("198.51.100.9", {"10.0.0.5"}), "198.51.100.9");
}

TEST(ClientAddressTest, BehindOneProxyTheEntryItAppendedIsTheClient) {
  const TrustedProxies proxies = Trust({"127.0.0.1/32"});
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", {"203.0.113.7"}), "203.0.113.7");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", {"  203.0.113.7  "}), "203.0.113.7");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", {"203.0.113.7:4711"}), "203.0.113.7");
  // The client sent its own header; nginx appended the real peer to it.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", {"1.1.1.1, 8.8.8.8, 203.0.113.7"}), "203.0.113.7");
  // Pretending to be the proxy itself does not help either: the real
  // client is still the right-most entry that is not trusted.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", {"127.0.0.1, 203.0.113.7"}), "203.0.113.7");
  // No header at all (a health check from the proxy host): the peer.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", {}), "127.0.0.1");
}

TEST(ClientAddressTest, ChainsOfTrustedProxiesAreWalkedFromTheRight) {
  const TrustedProxies proxies = Trust({"127.0.0.1/32", "10.0.0.0/8"});
  // client → edge proxy 10.0.0.5 → nginx on 127.0.0.1 → server
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", {"203.0.113.7, 10.0.0.5"}), "203.0.113.7");
  // A client that writes a trusted address first cannot hide behind it.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", {"10.0.0.9, 198.51.100.1, 10.0.0.5"}), "198.51.100.1");
  // Several header lines are one list, in the order received.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", {"198.51.100.1", "203.0.113.7, 10.0.0.5"}), "203.0.113.7");
  // Every hop trusted (a request made from inside): the left-most one.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", {"10.0.0.7, 10.0.0.5"}), "10.0.0.7");
}

TEST(ClientAddressTest, MalformedEntriesStopAtTheLastBelievableHop) {
  const TrustedProxies proxies = Trust({"127.0.0.1/32", "10.0.0.0/8"});
  // Garbage where the proxy's entry should be: the proxy is all we know.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", {"203.0.113.7, unknown"}), "127.0.0.1");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", {""}), "127.0.0.1");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", {"203.0.113.7,"}), "127.0.0.1");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", {std::string(5000, '9')}), "127.0.0.1");
  // Garbage behind a trusted hop: that hop.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", {"203.0.113.7, _hidden, 10.0.0.5"}), "10.0.0.5");
  // Garbage left of the client's entry does not matter.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", {"<script>, , 203.0.113.7"}), "203.0.113.7");
  // A peer that is not an address (never from TCP, but do not guess): as is.
  EXPECT_EQ(proxies.ClientAddress("", {"203.0.113.7"}), "");
}

TEST(ClientAddressTest, Ipv6PeersAndEntries) {
  const TrustedProxies proxies = Trust({"::1/128", "fd00::/8", "127.0.0.1/32"});
  EXPECT_EQ(proxies.ClientAddress("::1", {"2001:DB8::7"}), "2001:db8::7");
  EXPECT_EQ(proxies.ClientAddress("::1", {"[2001:db8::7]:51000"}), "2001:db8::7");
  EXPECT_EQ(proxies.ClientAddress("::1", {"2001:db8::66, 2001:db8::7, fd00::2"}), "2001:db8::7");
  EXPECT_EQ(proxies.ClientAddress("::1", {"203.0.113.7, fd00::2"}), "203.0.113.7");
  // An IPv4 proxy reported by a dual-stack socket.
  EXPECT_EQ(proxies.ClientAddress("::ffff:127.0.0.1", {"2001:db8::7"}), "2001:db8::7");
  EXPECT_EQ(proxies.ClientAddress("2001:db8::99", {"2001:db8::7"}), "2001:db8::99");
}

}  // namespace
}  // namespace craftlink::http
