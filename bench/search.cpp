// comptoir_bench search: a search-as-you-type mix against GET /api/v1/clients?q=..., with latency
// percentiles overall and per kind of query, and a recall check on queries that name one known client.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <iomanip>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "commands.hpp"
#include "french_clients.hpp"
#include "french_data.hpp"

namespace bench {
namespace {

enum class Expect {
    Nothing,      // latency only
    DisplayName,  // some result has this display name (and this city, when `city` is set)
    Phone,        // some result has this phone (E.164)
    Siret,        // some result has this SIRET
    SirenPrefix,  // some result's SIRET starts with this SIREN
    Email,        // some result has this e-mail
    Empty,        // no result at all
};

struct Query {
    std::string kind;
    std::string text;
    Expect expect = Expect::Nothing;
    std::string value, city;
};

struct Sample {
    std::size_t query = 0;
    double ms = 0;
    int status = 0;
    int results = 0;
    int found = -1;  // -1: not checked, 0: missed, 1: found
};

// Cuts at a UTF-8 character boundary at or before `bytes`.
std::string utf8_prefix(const std::string& s, std::size_t bytes) {
    if (bytes >= s.size()) return s;
    while (bytes > 0 && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) --bytes;
    return s.substr(0, bytes);
}

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

class QueryBuilder {
public:
    QueryBuilder(const std::vector<ClientSummary>& clients, std::uint64_t seed)
        : clients_(clients),
          rng_(seed ^ 0x5ea4c4ULL),
          last_names_(data::last_names().size(), kLastNameExponent),
          communes_(data::communes().size(), kCommuneExponent),
          trades_(data::trades().size(), kTradeExponent) {}

    Query next() {
        // Weights in percent; see README.md for what each kind stands for.
        static constexpr std::pair<const char*, int> kMix[] = {
            {"name_prefix", 20}, {"full_name", 10},   {"company_name", 8}, {"company_word", 8}, {"city", 8},
            {"two_words", 8},    {"phone_full", 10},  {"phone_partial", 6}, {"siren", 3},       {"siret", 5},
            {"email", 6},        {"email_prefix", 3}, {"no_match", 5},
        };
        int r = static_cast<int>(rng_.below(100));
        std::string kind = kMix[0].first;
        for (const auto& [k, w] : kMix) {
            if (r < w) {
                kind = k;
                break;
            }
            r -= w;
        }
        Query q;
        q.kind = kind;
        if (kind == "name_prefix") {
            std::string name(data::last_names()[last_names_.draw(rng_)]);
            if (rng_.chance(0.6)) name = fold_ascii(name);
            else name = lower_ascii(name);
            q.text = utf8_prefix(name, 2 + rng_.below(5));
        } else if (kind == "full_name") {
            const auto& c = known([](const ClientSummary& c) { return !c.company; });
            const auto form = rng_.below(4);
            q.text = form == 0 ? c.last_name + " " + c.first_name : c.first_name + " " + c.last_name;
            if (form == 3) q.text = fold_ascii(q.text);
            q.expect = Expect::DisplayName;
            q.value = c.display_name;
            if (!c.city.empty() && rng_.chance(0.5)) {
                q.text += " " + (rng_.chance(0.5) ? c.city : fold_ascii(c.city));
                q.city = c.city;
            }
        } else if (kind == "company_name") {
            const auto& c = known([](const ClientSummary& c) { return c.company; });
            q.text = rng_.chance(0.6) ? c.legal_name : fold_ascii(c.legal_name);
            q.expect = Expect::DisplayName;
            q.value = c.display_name;
        } else if (kind == "company_word") {
            std::string word = fold_ascii(data::trades()[trades_.draw(rng_)].word);
            q.text = rng_.chance(0.5) ? word : utf8_prefix(word, 3 + rng_.below(5));
        } else if (kind == "city") {
            std::string city(data::communes()[communes_.draw(rng_)].name);
            q.text = rng_.chance(0.5) ? city : utf8_prefix(fold_ascii(city), 3 + rng_.below(3));
        } else if (kind == "two_words") {
            const auto& c = known([](const ClientSummary& c) { return !c.city.empty(); });
            const auto form = rng_.below(3);
            if (form == 0) q.text = fold_ascii(c.last_name) + " " + fold_ascii(c.city);  // "martin lyon"
            else if (form == 1 && c.trade >= 0)
                q.text = fold_ascii(data::trades()[c.trade].word) + " " + fold_ascii(c.city);  // "boulangerie nantes"
            else q.text = fold_ascii(c.first_name) + " " + utf8_prefix(fold_ascii(c.last_name), 3);  // "jean mar"
        } else if (kind == "phone_full") {
            const auto& c = known([](const ClientSummary& c) { return !c.phone.empty(); });
            q.text = format_phone(c.phone, static_cast<int>(rng_.below(7)));
            q.expect = Expect::Phone;
            q.value = to_e164(c.phone);
        } else if (kind == "phone_partial") {
            // What is typed before the number is complete: 4 to 8 digits, in the user's own format.
            const auto& c = known([](const ClientSummary& c) { return !c.phone.empty(); });
            const std::string typed = format_phone(c.phone, static_cast<int>(rng_.below(4)));
            const std::size_t digits = 4 + rng_.below(5);
            std::size_t seen = 0, cut = 0;
            bool international = typed[0] == '+';
            for (; cut < typed.size() && seen < digits + (international ? 2 : 0); ++cut)
                if (typed[cut] >= '0' && typed[cut] <= '9') ++seen;
            q.text = typed.substr(0, cut);
        } else if (kind == "siren") {
            const auto& c = known([](const ClientSummary& c) { return !c.siren.empty(); });
            q.text = c.siren;
            q.expect = Expect::SirenPrefix;
            q.value = c.siren;
        } else if (kind == "siret") {
            const auto& c = known([](const ClientSummary& c) { return !c.siret.empty(); });
            q.text = rng_.chance(0.7) ? c.siret
                                      : c.siret.substr(0, 3) + " " + c.siret.substr(3, 3) + " " + c.siret.substr(6, 3) +
                                            " " + c.siret.substr(9);
            q.expect = Expect::Siret;
            q.value = c.siret;
        } else if (kind == "email") {
            const auto& c = known([](const ClientSummary& c) { return !c.email.empty(); });
            q.text = c.email;
            if (rng_.chance(0.3)) q.text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(q.text[0])));
            q.expect = Expect::Email;
            q.value = c.email;
        } else if (kind == "email_prefix") {
            const auto& c = known([](const ClientSummary& c) { return !c.email.empty(); });
            const std::string local = c.email.substr(0, c.email.find('@'));
            q.text = local.substr(0, std::min<std::size_t>(local.size(), 4 + rng_.below(7)));
        } else {
            // "zq" starts no French word, name, town or e-mail here.
            q.text = "zq";
            const auto n = 3 + rng_.below(4);
            for (std::size_t i = 0; i < n; ++i) q.text.push_back(static_cast<char>('a' + rng_.below(26)));
            q.expect = Expect::Empty;
        }
        return q;
    }

private:
    // A client the server created (near-duplicates were refused), drawn uniformly.
    template <typename Pred>
    const ClientSummary& known(Pred pred) {
        for (;;) {
            const auto& c = clients_[rng_.below(clients_.size())];
            if (c.duplicate == DuplicateKind::None && pred(c)) return c;
        }
    }

    const std::vector<ClientSummary>& clients_;
    Rng rng_;
    Zipf last_names_, communes_, trades_;
};

int check(const Query& q, const nlohmann::json& data) {
    if (q.expect == Expect::Nothing) return -1;
    if (q.expect == Expect::Empty) return data.empty() ? 1 : 0;
    for (const auto& item : data) {
        auto field = [&](const char* key) { return item.value(key, std::string()); };
        switch (q.expect) {
            case Expect::DisplayName:
                if (field("display_name") == q.value && (q.city.empty() || field("city") == q.city)) return 1;
                break;
            case Expect::Phone:
                if (field("phone") == q.value) return 1;
                break;
            case Expect::Siret:
                if (field("siret") == q.value) return 1;
                break;
            case Expect::SirenPrefix:
                if (field("siret").rfind(q.value, 0) == 0) return 1;
                break;
            case Expect::Email:
                if (field("email") == q.value) return 1;
                break;
            default: break;
        }
    }
    return 0;
}

}  // namespace

int run_search(const SearchOptions& o) {
    if (o.concurrency < 1 || o.concurrency > 64) throw std::invalid_argument("--concurrency must be between 1 and 64");
    const std::string label = o.label.empty() ? "search_c" + std::to_string(o.concurrency) : o.label;

    // Rebuild what `load` sent (same seed, same count) to know which clients exist.
    const auto gen_start = Clock::now();
    GeneratorOptions gen_options;
    gen_options.seed = o.seed;
    FrenchClientGenerator generator(gen_options);
    for (std::size_t i = 0; i < o.count; ++i) generator.next(nullptr);
    QueryBuilder builder(generator.clients(), o.seed + o.concurrency);
    std::vector<Query> queries;
    queries.reserve(o.warmup + o.queries);
    for (std::size_t i = 0; i < o.warmup + o.queries; ++i) queries.push_back(builder.next());
    std::cout << "Search: " << grouped(o.queries) << " queries at concurrency " << o.concurrency << " (+" << o.warmup
              << " warm-up), limit=" << o.limit << ", built from " << grouped(o.count) << " generated clients in "
              << fixed(seconds_since(gen_start), 1) << " s\n";

    auto path_of = [&](const Query& q) {
        return "/api/v1/clients?q=" + url_encode(q.text) + "&limit=" + std::to_string(o.limit);
    };
    {
        // Warm the server's caches (bounded: at most a minute).
        auto cli = connect(o.target, o.token, 60);
        const auto warm_start = Clock::now();
        for (std::size_t i = 0; i < o.warmup && seconds_since(warm_start) < 60; ++i) cli->Get(path_of(queries[i]));
    }

    std::atomic<std::size_t> next{o.warmup};
    std::mutex error_mutex;
    std::string first_error;
    std::atomic<bool> timed_out{false};
    std::vector<std::vector<Sample>> samples(o.concurrency);
    const auto start = Clock::now();
    const CpuSnapshot cpu_before = cpu_snapshot(o.server_pid);
    auto worker = [&](int w) {
        auto cli = connect(o.target, o.token, 60);
        for (;;) {
            const std::size_t i = next.fetch_add(1);
            if (i >= queries.size()) break;
            if (seconds_since(start) > o.max_seconds) {
                timed_out = true;
                break;
            }
            Sample s;
            s.query = i;
            const auto t0 = Clock::now();
            auto res = cli->Get(path_of(queries[i]));
            s.ms = seconds_since(t0) * 1000.0;
            if (!res) {
                s.status = -1;
                {
                    std::lock_guard lock(error_mutex);
                    if (first_error.empty()) first_error = "connection error: " + httplib::to_string(res.error());
                }
                cli = connect(o.target, o.token, 60);
            } else {
                s.status = res->status;
                if (res->status != 200) {
                    std::lock_guard lock(error_mutex);
                    if (first_error.empty())
                        first_error = "HTTP " + std::to_string(res->status) + " for \"" + queries[i].text + "\": " +
                                      res->body.substr(0, 300);
                }
                if (res->status == 200) {
                    auto body = nlohmann::json::parse(res->body, nullptr, false);
                    if (body.is_object() && body.contains("data") && body["data"].is_array()) {
                        s.results = static_cast<int>(body["data"].size());
                        s.found = check(queries[i], body["data"]);
                    } else {
                        s.status = -2;
                    }
                }
            }
            samples[w].push_back(s);
        }
    };
    std::vector<std::thread> threads;
    for (int w = 0; w < o.concurrency; ++w) threads.emplace_back(worker, w);
    for (auto& t : threads) t.join();
    const double seconds = seconds_since(start);
    const CpuUsage cpu = cpu_usage(cpu_before, cpu_snapshot(o.server_pid));

    std::vector<Sample> all;
    for (auto& v : samples) all.insert(all.end(), v.begin(), v.end());
    Latencies overall;
    std::size_t not_ok = 0;
    struct KindStats {
        Latencies ms;
        std::size_t results = 0, checked = 0, found = 0, empty = 0;
    };
    std::map<std::string, KindStats> kinds;
    std::size_t checked = 0, found = 0;
    std::map<std::string, std::pair<std::size_t, std::size_t>> recall;  // exact-query kinds
    for (const auto& s : all) {
        overall.add(s.ms);
        const Query& q = queries[s.query];
        auto& k = kinds[q.kind];
        k.ms.add(s.ms);
        if (s.status != 200) {
            ++not_ok;
            continue;
        }
        k.results += s.results;
        if (s.results == 0) ++k.empty;
        if (s.found >= 0) {
            ++k.checked;
            k.found += s.found;
            if (q.expect != Expect::Empty) {
                ++checked;
                found += s.found;
            }
        }
    }
    const double rps = all.size() / std::max(seconds, 1e-9);
    std::cout << "\nSearch results (concurrency " << o.concurrency << ")" << (timed_out ? "  [time limit reached]" : "")
              << "\n  requests            " << grouped(all.size()) << " in " << fixed(seconds, 1) << " s -> "
              << fixed(rps, 0) << " requests/s\n"
              << "  latency             p50 " << fixed(overall.percentile(50), 2) << " ms, p90 "
              << fixed(overall.percentile(90), 2) << " ms, p99 " << fixed(overall.percentile(99), 2) << " ms, max "
              << fixed(overall.max(), 2) << " ms, mean " << fixed(overall.mean(), 2) << " ms\n"
              << "  non-200 answers     " << not_ok << (first_error.empty() ? "" : " (first: " + first_error + ")") << "\n"
              << (o.server_pid > 0 && !all.empty()
                      ? "  server CPU time     " + fixed(cpu.server, 1) + " s = " + fixed(cpu.server * 1e3 / all.size(), 2) +
                            " ms per query\n"
                      : std::string())
              << "  machine             " << fixed(100.0 * cpu.machine_busy_share, 0) << "% busy; other processes took "
              << fixed(cpu.others, 1) << " CPU-s, this benchmark " << fixed(cpu.self, 1) << " CPU-s\n"
              << "  recall (exact name / company / phone / SIREN / SIRET / e-mail queries): " << found << " / " << checked
              << " = " << fixed(checked ? 100.0 * found / checked : 0, 1) << " %\n\n";
    std::cout << "  " << std::left << std::setw(14) << "kind" << std::right << std::setw(6) << "n" << std::setw(9) << "p50"
              << std::setw(9) << "p90" << std::setw(9) << "p99" << std::setw(9) << "max" << std::setw(9) << "results"
              << std::setw(8) << "empty" << std::setw(12) << "found" << "\n";
    for (const auto& [name, k] : kinds) {
        const std::size_t n = k.ms.count();
        std::cout << "  " << std::left << std::setw(14) << name << std::right << std::setw(6) << n << std::setw(9)
                  << fixed(k.ms.percentile(50), 1) << std::setw(9) << fixed(k.ms.percentile(90), 1) << std::setw(9)
                  << fixed(k.ms.percentile(99), 1) << std::setw(9) << fixed(k.ms.max(), 1) << std::setw(9)
                  << fixed(n ? static_cast<double>(k.results) / n : 0, 1) << std::setw(8) << k.empty << std::setw(12)
                  << (k.checked ? std::to_string(k.found) + "/" + std::to_string(k.checked) : std::string("-")) << "\n";
    }
    if (o.show_misses > 0) {
        int shown = 0;
        for (const auto& s : all) {
            if (s.found != 0 || shown >= o.show_misses) continue;
            const auto& q = queries[s.query];
            if (!shown++) std::cout << "\n  missed exact queries (first " << o.show_misses << "):\n";
            std::cout << "    " << std::left << std::setw(14) << q.kind << std::right << " \"" << q.text << "\" expected "
                      << q.value << (q.city.empty() ? "" : " in " + q.city) << " (" << s.results << " results)\n";
        }
    }
    if (o.show_slowest > 0) {
        std::sort(all.begin(), all.end(), [](const Sample& a, const Sample& b) { return a.ms > b.ms; });
        std::cout << "\n  slowest queries:\n";
        for (int i = 0; i < o.show_slowest && i < static_cast<int>(all.size()); ++i) {
            const auto& q = queries[all[i].query];
            std::cout << "    " << std::setw(8) << fixed(all[i].ms, 1) << " ms  " << std::left << std::setw(14) << q.kind
                      << std::right << " \"" << q.text << "\" (" << all[i].results << " results)\n";
        }
    }
    std::vector<std::pair<std::string, std::string>> report{
        {label + "_requests", std::to_string(all.size())},
        {label + "_rps", fixed(rps, 0)},
        {label + "_p50_ms", fixed(overall.percentile(50), 2)},
        {label + "_p90_ms", fixed(overall.percentile(90), 2)},
        {label + "_p99_ms", fixed(overall.percentile(99), 2)},
        {label + "_max_ms", fixed(overall.max(), 2)},
        {label + "_non200", std::to_string(not_ok)},
        {label + "_recall", fixed(checked ? 100.0 * found / checked : 0, 1)},
        {label + "_server_cpu_ms_per_query", fixed(all.empty() ? 0 : cpu.server * 1e3 / all.size(), 2)},
        {label + "_other_cpu_s", fixed(cpu.others, 1)},
    };
    for (const auto& [name, k] : kinds) {
        report.emplace_back(label + "_kind_" + name + "_p50_ms", fixed(k.ms.percentile(50), 2));
        report.emplace_back(label + "_kind_" + name + "_p99_ms", fixed(k.ms.percentile(99), 2));
        if (k.checked) report.emplace_back(label + "_kind_" + name + "_found", std::to_string(k.found) + "/" + std::to_string(k.checked));
    }
    write_report(o.report, report);
    return not_ok == 0 ? 0 : 1;
}

}  // namespace bench
