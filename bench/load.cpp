// comptoir_bench load: sends the generated clients through POST /api/v1/clients/batch over a few
// keep-alive connections, and reports the load rate and what the server answered for each client.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "commands.hpp"
#include "french_clients.hpp"

namespace bench {

void write_report(const std::string& path, const std::vector<std::pair<std::string, std::string>>& values) {
    if (path.empty()) return;
    std::ofstream out(path, std::ios::app);
    for (const auto& [k, v] : values) out << k << "=" << v << "\n";
}

namespace {

struct Tally {
    std::size_t created = 0, duplicate = 0, invalid = 0, other = 0;
    std::size_t expected_duplicate_found = 0;  // generated as near-duplicates and refused as such
    std::size_t unexpected_duplicate = 0;      // refused as duplicates though generated as new
    std::size_t missed_duplicate = 0;          // generated as near-duplicates but created
    std::map<std::string, std::size_t> duplicate_fields;  // field of the first match -> count
    std::map<std::string, std::size_t> invalid_codes;     // "field:code" -> count
    std::vector<std::string> invalid_examples;
    std::vector<std::string> unexpected_examples;

    void merge(const Tally& o) {
        created += o.created;
        duplicate += o.duplicate;
        invalid += o.invalid;
        other += o.other;
        expected_duplicate_found += o.expected_duplicate_found;
        unexpected_duplicate += o.unexpected_duplicate;
        missed_duplicate += o.missed_duplicate;
        for (const auto& [k, v] : o.duplicate_fields) duplicate_fields[k] += v;
        for (const auto& [k, v] : o.invalid_codes) invalid_codes[k] += v;
        for (const auto& e : o.invalid_examples)
            if (invalid_examples.size() < 5) invalid_examples.push_back(e);
        for (const auto& e : o.unexpected_examples)
            if (unexpected_examples.size() < 5) unexpected_examples.push_back(e);
    }
};

void tally_batch(const nlohmann::json& body, std::size_t first_index, const std::vector<ClientSummary>& clients,
                 Tally& t) {
    for (const auto& r : body.at("results")) {
        const std::size_t index = first_index + r.value("index", std::size_t{0});
        const ClientSummary& expected = clients.at(index);
        const bool expected_dup = expected.duplicate != DuplicateKind::None;
        const std::string status = r.value("status", "");
        if (status == "created") {
            ++t.created;
            if (expected_dup) ++t.missed_duplicate;
        } else if (status == "duplicate") {
            ++t.duplicate;
            std::string field = "?";
            if (r.contains("matches") && !r["matches"].empty()) field = r["matches"][0].value("field", "?");
            ++t.duplicate_fields[field];
            if (expected_dup) {
                ++t.expected_duplicate_found;
            } else {
                ++t.unexpected_duplicate;
                if (t.unexpected_examples.size() < 5)
                    t.unexpected_examples.push_back("#" + std::to_string(index) + " " + expected.display_name + ": " +
                                                    r.value("matches", nlohmann::json::array()).dump());
            }
        } else if (status == "invalid") {
            ++t.invalid;
            for (const auto& e : r.value("errors", nlohmann::json::array()))
                ++t.invalid_codes[e.value("field", "") + ":" + e.value("code", "")];
            if (t.invalid_examples.size() < 5)
                t.invalid_examples.push_back("#" + std::to_string(index) + " " + expected.display_name + ": " +
                                             r.value("errors", nlohmann::json::array()).dump());
        } else {
            ++t.other;
        }
    }
}

double directory_gb(const std::string& dir) {
    std::error_code ec;
    std::uintmax_t bytes = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_regular_file(ec)) bytes += entry.file_size(ec);
    return static_cast<double>(bytes) / 1e9;
}

}  // namespace

int run_load(const LoadOptions& o) {
    if (o.batch < 1 || o.batch > 10000) throw std::invalid_argument("--batch must be between 1 and 10000");
    if (o.connections < 1 || o.connections > 64) throw std::invalid_argument("--connections must be between 1 and 64");
    if (o.count < 1) throw std::invalid_argument("--count must be positive");
    // A planted near-duplicate must reach the server after its original has been committed, or the two
    // swap roles and the tally counts a miss and an unexpected duplicate.
    if (o.batch * o.connections >= GeneratorOptions{}.duplicate_lag)
        std::cerr << "warning: batch x connections reaches the generator's duplicate lag ("
                  << GeneratorOptions{}.duplicate_lag << "): some near-duplicates may swap roles with their originals\n";

    // 1. Generate every batch body up front, so the timed part measures the server, not the generator
    //    (on a 2-core machine the two would compete for the same CPUs).
    std::cout << "Generating " << grouped(o.count) << " clients (seed " << o.seed << ")..." << std::flush;
    const auto gen_start = Clock::now();
    GeneratorOptions gen_options;
    gen_options.seed = o.seed;
    FrenchClientGenerator generator(gen_options);
    const std::size_t batches = (o.count + o.batch - 1) / o.batch;
    std::vector<std::string> bodies(batches);
    std::size_t bytes = 0;
    for (std::size_t b = 0; b < batches; ++b) {
        std::string& body = bodies[b];
        body.reserve(o.batch * 560 + 64);
        body = "{\"force\":false,\"clients\":[";
        const std::size_t n = std::min(o.batch, o.count - b * o.batch);
        for (std::size_t i = 0; i < n; ++i) {
            if (i) body.push_back(',');
            generator.next(&body);
        }
        body += "]}";
        bytes += body.size();
    }
    const double gen_seconds = seconds_since(gen_start);
    std::cout << " done in " << fixed(gen_seconds, 1) << " s (" << grouped(bytes / 1000000) << " MB of JSON, "
              << grouped(generator.duplicates()) << " near-duplicates planted)\n";

    // 2. Send them: each connection takes the next batch until none is left (or time is up).
    std::cout << "Loading through " << o.connections << " keep-alive connection(s), batches of " << o.batch
              << " -> http://" << o.target.host << ":" << o.target.port << "/api/v1/clients/batch\n";
    std::atomic<std::size_t> next_batch{0}, done_clients{0}, done_batches{0}, failed_batches{0};
    std::atomic<bool> stop{false};
    std::string stop_reason;  // written under print_mutex
    std::vector<double> completion(batches, -1.0);  // seconds since start when each batch was answered
    std::vector<Tally> tallies(o.connections);
    std::vector<Latencies> latencies(o.connections);
    std::mutex print_mutex;
    const auto start = Clock::now();
    const CpuSnapshot cpu_before = cpu_snapshot(o.server_pid);
    const auto& clients = generator.clients();

    auto worker = [&](int w) {
        auto cli = connect(o.target, o.token, 600);
        for (;;) {
            if (stop.load()) break;
            if (seconds_since(start) > o.max_seconds) {
                if (!stop.exchange(true)) {
                    std::lock_guard lock(print_mutex);
                    stop_reason = "time limit of " + fixed(o.max_seconds, 0) + " s reached";
                    std::cout << "  STOPPING: " << stop_reason << " (batches in flight are completed)" << std::endl;
                }
                break;
            }
            const std::size_t b = next_batch.fetch_add(1);
            if (b >= batches) break;
            const auto t0 = Clock::now();
            auto res = cli->Post("/api/v1/clients/batch", bodies[b], "application/json");
            const double ms = seconds_since(t0) * 1000.0;
            const std::size_t n = std::min(o.batch, o.count - b * o.batch);
            if (!res || res->status != 200) {
                std::lock_guard lock(print_mutex);
                std::cerr << "batch " << b << " failed: "
                          << (res ? "HTTP " + std::to_string(res->status) + " " + res->body.substr(0, 300)
                                  : "connection error " + httplib::to_string(res.error()))
                          << "\n";
                if (++failed_batches >= 5) stop = true;
                cli = connect(o.target, o.token, 600);
                continue;
            }
            latencies[w].add(ms);
            try {
                tally_batch(nlohmann::json::parse(res->body), b * o.batch, clients, tallies[w]);
            } catch (const std::exception& e) {
                std::lock_guard lock(print_mutex);
                std::cerr << "batch " << b << ": unreadable answer (" << e.what() << ")\n";
                ++failed_batches;
            }
            completion[b] = seconds_since(start);
            done_clients += n;
            ++done_batches;
        }
    };

    std::mutex monitor_mutex;
    std::condition_variable monitor_cv;
    bool finished = false;
    std::thread monitor([&] {
        std::size_t last_done = 0;
        double last_t = 0, last_print = 0;
        std::unique_lock lock(monitor_mutex);
        while (!monitor_cv.wait_for(lock, std::chrono::seconds(1), [&] { return finished; })) {
            const double t = seconds_since(start);
            if (o.max_disk_gb > 0 && !o.data_dir.empty() && !stop.load()) {
                const double gb = directory_gb(o.data_dir);
                if (gb > o.max_disk_gb) {
                    std::lock_guard plock(print_mutex);
                    stop_reason = "the data directory reached " + fixed(gb, 1) + " GB (limit " + fixed(o.max_disk_gb, 1) + " GB)";
                    std::cout << "  STOPPING: " << stop_reason << std::endl;
                    stop = true;
                }
            }
            if (t - last_print < o.progress_seconds) continue;
            last_print = t;
            const std::size_t done = done_clients.load();
            std::lock_guard plock(print_mutex);
            std::string disk;
            if (!o.data_dir.empty()) disk = ", data dir " + fixed(directory_gb(o.data_dir), 2) + " GB";
            std::cout << "  " << fixed(t, 0) << " s: " << grouped(done) << " / " << grouped(o.count) << " clients, "
                      << grouped(static_cast<std::uint64_t>(done / std::max(t, 1e-9))) << " /s overall, "
                      << grouped(static_cast<std::uint64_t>((done - last_done) / std::max(t - last_t, 1e-9)))
                      << " /s in the last " << fixed(t - last_t, 0) << " s" << disk << std::endl;
            last_done = done;
            last_t = t;
        }
    });

    std::vector<std::thread> threads;
    for (int w = 0; w < o.connections; ++w) threads.emplace_back(worker, w);
    for (auto& t : threads) t.join();
    const double seconds = seconds_since(start);
    const CpuUsage cpu = cpu_usage(cpu_before, cpu_snapshot(o.server_pid));
    // The server indexes words for search on a thread of its own (SQLite), and a search first
    // indexes whatever is still pending: the first search after the load shows what the load left
    // behind, so that the load's figure hides no work.
    double first_search_ms = -1;
    if (done_clients.load() > 0) {
        auto cli = connect(o.target, o.token, 600);
        const auto t0 = Clock::now();
        auto res = cli->Get("/api/v1/clients?limit=25&q=martin");
        if (res && res->status == 200) first_search_ms = seconds_since(t0) * 1000.0;
    }
    {
        std::lock_guard lock(monitor_mutex);
        finished = true;
    }
    monitor_cv.notify_all();
    monitor.join();

    Tally total;
    Latencies batch_ms;
    for (int w = 0; w < o.connections; ++w) {
        total.merge(tallies[w]);
        batch_ms.merge(latencies[w]);
    }
    const std::size_t done = done_clients.load();
    const double rate = done / std::max(seconds, 1e-9);

    // Rate over the first and the last tenth of the batches: how the load slows as the tables grow.
    std::vector<double> times;
    for (double t : completion)
        if (t >= 0) times.push_back(t);
    std::sort(times.begin(), times.end());
    double first_rate = 0, last_rate = 0;
    if (times.size() >= 10) {
        const std::size_t tenth = times.size() / 10;
        first_rate = static_cast<double>(tenth * o.batch) / times[tenth - 1];
        last_rate = static_cast<double>(tenth * o.batch) / (times.back() - times[times.size() - tenth - 1]);
    }
    std::size_t expected_dups = 0;
    for (std::size_t i = 0; i < std::min(done, clients.size()); ++i)
        if (clients[i].duplicate != DuplicateKind::None) ++expected_dups;

    std::cout << "\nLoad results\n"
              << "  clients sent        " << grouped(done)
              << (done < o.count ? "  (INCOMPLETE: " + (stop_reason.empty() ? std::string("errors") : stop_reason) + ")" : "")
              << "\n  total time          " << fixed(seconds, 1) << " s\n"
              << "  load rate           " << grouped(static_cast<std::uint64_t>(rate)) << " clients/s\n"
              << "  rate, first 10%     "
              << (times.size() >= 10 ? grouped(static_cast<std::uint64_t>(first_rate)) + " clients/s" : std::string("n/a (< 10 batches)"))
              << "\n  rate, last 10%      "
              << (times.size() >= 10 ? grouped(static_cast<std::uint64_t>(last_rate)) + " clients/s" : std::string("n/a"))
              << "\n"
              << "  first search after  " << (first_search_ms < 0 ? std::string("failed") : fixed(first_search_ms, 0) + " ms")
              << " (includes indexing what the load left pending)\n"
              << "  batch latency       p50 " << fixed(batch_ms.percentile(50), 0) << " ms, p99 "
              << fixed(batch_ms.percentile(99), 0) << " ms, max " << fixed(batch_ms.max(), 0) << " ms\n"
              << "  created             " << grouped(total.created) << "\n"
              << "  duplicate           " << grouped(total.duplicate) << "  (planted: " << grouped(expected_dups)
              << ", caught: " << grouped(total.expected_duplicate_found) << ", missed: " << grouped(total.missed_duplicate)
              << ", unexpected: " << grouped(total.unexpected_duplicate) << ")\n";
    for (const auto& [field, n] : total.duplicate_fields) std::cout << "      matched on " << field << ": " << grouped(n) << "\n";
    std::cout << "  invalid             " << grouped(total.invalid) << "\n";
    for (const auto& [code, n] : total.invalid_codes) std::cout << "      " << code << ": " << grouped(n) << "\n";
    for (const auto& e : total.invalid_examples) std::cout << "      e.g. " << e << "\n";
    for (const auto& e : total.unexpected_examples) std::cout << "      unexpected duplicate: " << e << "\n";
    if (total.other) std::cout << "  other statuses      " << grouped(total.other) << "\n";
    std::cout << "  failed batches      " << failed_batches.load() << "\n";
    if (o.server_pid > 0 && done > 0) {
        std::cout << "  server CPU time     " << fixed(cpu.server, 1) << " s = " << fixed(cpu.server * 1e6 / done, 0)
                  << " us per client (" << fixed(100.0 * cpu.server / seconds, 0) << "% of one core over the run)\n";
    }
    std::cout << "  machine             " << fixed(100.0 * cpu.machine_busy_share, 0) << "% busy over "
              << std::thread::hardware_concurrency() << " CPUs; other processes took " << fixed(cpu.others, 1)
              << " CPU-s, this benchmark " << fixed(cpu.self, 1) << " CPU-s\n";

    write_report(o.report, {{"load_clients", std::to_string(done)},
                            {"load_complete", done == o.count ? "yes" : "no"},
                            {"load_seconds", fixed(seconds, 1)},
                            {"load_rate", fixed(rate, 0)},
                            {"load_rate_first10", times.size() >= 10 ? fixed(first_rate, 0) : "-"},
                            {"load_rate_last10", times.size() >= 10 ? fixed(last_rate, 0) : "-"},
                            {"load_first_search_ms", first_search_ms < 0 ? "-" : fixed(first_search_ms, 0)},
                            {"load_batch_p50_ms", fixed(batch_ms.percentile(50), 0)},
                            {"load_batch_p99_ms", fixed(batch_ms.percentile(99), 0)},
                            {"load_created", std::to_string(total.created)},
                            {"load_duplicate", std::to_string(total.duplicate)},
                            {"load_duplicate_planted", std::to_string(expected_dups)},
                            {"load_duplicate_caught", std::to_string(total.expected_duplicate_found)},
                            {"load_invalid", std::to_string(total.invalid)},
                            {"load_failed_batches", std::to_string(failed_batches.load())},
                            {"load_generate_seconds", fixed(gen_seconds, 1)},
                            {"load_connections", std::to_string(o.connections)},
                            {"load_server_cpu_s", fixed(cpu.server, 1)},
                            {"load_server_cpu_us_per_client", fixed(done ? cpu.server * 1e6 / done : 0, 0)},
                            {"load_other_cpu_s", fixed(cpu.others, 1)},
                            {"load_machine_busy_pct", fixed(100.0 * cpu.machine_busy_share, 0)}});
    return failed_batches.load() == 0 && done == o.count ? 0 : 1;
}

}  // namespace bench
