// HTTP plumbing and statistics shared by the load and search benchmarks.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bench {

// The server under test. Only the loopback address is accepted: the benchmark never talks to
// another machine.
struct Target {
    std::string host = "127.0.0.1";
    int port = 0;
};

// Parses "http://127.0.0.1:PORT" ("localhost" is read as 127.0.0.1); throws std::invalid_argument.
Target parse_target(const std::string& url);

// One keep-alive connection with the bearer token on every request. httplib clients are not
// thread-safe: each worker thread owns one.
std::unique_ptr<httplib::Client> connect(const Target& target, const std::string& token, int read_timeout_s);

// Percent-encodes everything but RFC 3986 unreserved characters (UTF-8 bytes included).
std::string url_encode(const std::string& s);

using Clock = std::chrono::steady_clock;
inline double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Latencies in milliseconds; percentiles by the nearest-rank method.
class Latencies {
public:
    void add(double ms) { values_.push_back(ms); }
    void merge(const Latencies& other) { values_.insert(values_.end(), other.values_.begin(), other.values_.end()); }
    std::size_t count() const { return values_.size(); }
    double percentile(double p) const;  // p in [0, 100]; 0 when empty
    double max() const;
    double mean() const;

private:
    mutable std::vector<double> values_;
    mutable bool sorted_ = false;
    void sort() const;
};

// CPU accounting from /proc, to tell the server's own work from what other processes on the same
// machine took (a shared 2-core machine makes wall-clock figures noisy).
struct CpuSnapshot {
    double server = 0;        // user+system seconds of the server process (0 when no pid was given)
    double self = 0;          // user+system seconds of this benchmark process
    double machine_busy = 0;  // non-idle seconds summed over all CPUs
    double machine_total = 0;
};
CpuSnapshot cpu_snapshot(int server_pid);

struct CpuUsage {
    double server = 0, self = 0, others = 0;  // seconds over the interval
    double machine_busy_share = 0;            // 0..1 of all CPUs
};
CpuUsage cpu_usage(const CpuSnapshot& before, const CpuSnapshot& after);

// "12 345 678" — thousands separated for readable reports.
std::string grouped(std::uint64_t n);
std::string fixed(double v, int decimals);

}  // namespace bench
