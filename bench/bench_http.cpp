#include "bench_http.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <numeric>
#include <stdexcept>

namespace bench {

Target parse_target(const std::string& url) {
    const std::string scheme = "http://";
    if (url.rfind(scheme, 0) != 0) throw std::invalid_argument("--url must start with http:// (got " + url + ")");
    std::string rest = url.substr(scheme.size());
    if (auto slash = rest.find('/'); slash != std::string::npos) rest = rest.substr(0, slash);
    const auto colon = rest.rfind(':');
    if (colon == std::string::npos) throw std::invalid_argument("--url needs an explicit port: http://127.0.0.1:PORT");
    Target t;
    const std::string host = rest.substr(0, colon);
    if (host != "127.0.0.1" && host != "localhost")
        throw std::invalid_argument("only the loopback address 127.0.0.1 is allowed (got " + host + ")");
    try {
        t.port = std::stoi(rest.substr(colon + 1));
    } catch (...) {
        throw std::invalid_argument("bad port in --url " + url);
    }
    if (t.port <= 0 || t.port > 65535) throw std::invalid_argument("bad port in --url " + url);
    return t;
}

std::unique_ptr<httplib::Client> connect(const Target& target, const std::string& token, int read_timeout_s) {
    auto cli = std::make_unique<httplib::Client>(target.host, target.port);
    cli->set_keep_alive(true);
    cli->set_tcp_nodelay(true);
    cli->set_url_encode(false);  // paths are encoded by url_encode()
    cli->set_connection_timeout(5, 0);
    cli->set_read_timeout(read_timeout_s, 0);
    cli->set_write_timeout(60, 0);
    cli->set_default_headers({{"Authorization", "Bearer " + token}, {"Accept", "application/json"}});
    return cli;
}

std::string url_encode(const std::string& s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

void Latencies::sort() const {
    if (!sorted_) std::sort(values_.begin(), values_.end());
    sorted_ = true;
}

double Latencies::percentile(double p) const {
    if (values_.empty()) return 0;
    sort();
    auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values_.size())));
    rank = std::clamp<std::size_t>(rank, 1, values_.size());
    return values_[rank - 1];
}

double Latencies::max() const {
    if (values_.empty()) return 0;
    return *std::max_element(values_.begin(), values_.end());
}

double Latencies::mean() const {
    if (values_.empty()) return 0;
    return std::accumulate(values_.begin(), values_.end(), 0.0) / static_cast<double>(values_.size());
}

namespace {

// utime + stime of a process, in seconds; 0 when it cannot be read.
double process_cpu(const std::string& stat_path) {
    std::ifstream in(stat_path);
    std::string line;
    if (!std::getline(in, line)) return 0;
    const auto paren = line.rfind(')');  // the command name may contain spaces
    if (paren == std::string::npos) return 0;
    std::istringstream fields(line.substr(paren + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; fields >> field; ++i) {  // field 3 is the state
        if (i == 14) utime = std::stod(field);
        if (i == 15) {
            stime = std::stod(field);
            break;
        }
    }
    return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace

CpuSnapshot cpu_snapshot(int server_pid) {
    CpuSnapshot s;
    if (server_pid > 0) s.server = process_cpu("/proc/" + std::to_string(server_pid) + "/stat");
    s.self = process_cpu("/proc/self/stat");
    std::ifstream in("/proc/stat");
    std::string cpu;
    in >> cpu;  // the aggregate "cpu" line
    double v[8] = {};
    for (double& x : v) in >> x;
    const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
    double total = 0;
    for (double x : v) total += x;
    s.machine_total = total / tick;
    s.machine_busy = (total - v[3] - v[4]) / tick;  // minus idle and iowait
    return s;
}

CpuUsage cpu_usage(const CpuSnapshot& before, const CpuSnapshot& after) {
    CpuUsage u;
    u.server = after.server - before.server;
    u.self = after.self - before.self;
    const double busy = after.machine_busy - before.machine_busy;
    u.others = std::max(0.0, busy - u.server - u.self);
    const double total = after.machine_total - before.machine_total;
    u.machine_busy_share = total > 0 ? busy / total : 0;
    return u;
}

std::string grouped(std::uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out.push_back(' ');
        out.push_back(digits[i]);
    }
    return out;
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

}  // namespace bench
