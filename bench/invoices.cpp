// comptoir_bench invoices: how many invoices per second the server creates, validates and serves as
// PDF through the API. Validation is the legal step: the number from the series counter, the parties
// and totals frozen, the PDF rendered and stored, the hash chained, all in one transaction.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "commands.hpp"

namespace bench {
namespace {

using nlohmann::json;

json invoice_body(std::int64_t client_id, int lines, std::size_t i) {
    json items = json::array();
    items.push_back({{"kind", "section"}, {"description", "Fournitures"}});
    for (int l = 0; l < lines; ++l) {
        if (l == lines / 2) items.push_back({{"kind", "section"}, {"description", "Main d'œuvre"}});
        items.push_back({{"description", "Article " + std::to_string(l + 1) + " — fourniture et pose, réf. " +
                                             std::to_string(1000 + i % 97)},
                         {"quantity", std::to_string(1 + (i + l) % 7) + ",5"},
                         {"unit", l % 2 ? "h" : "u"},
                         {"unit_price", std::to_string(12 + (i * 7 + l * 13) % 230) + ".40"},
                         {"vat_rate", l % 3 ? "20" : "10"},
                         {"unit_cost", "9.10"}});
    }
    return {{"type", "invoice"}, {"client_id", client_id}, {"title", "Chantier n° " + std::to_string(i)}, {"lines", items}};
}

struct Phase {
    const char* name;
    Latencies latencies;
    double seconds = 0;
    std::size_t failures = 0;
    double server_cpu = 0;
};

// Runs `work(i, client)` for i in [0, count) over `connections` threads, timing each call.
template <typename Work>
void run_phase(Phase& phase, const InvoiceOptions& o, Work work) {
    std::atomic<std::size_t> next{0};
    std::mutex merge;
    const auto cpu_before = cpu_snapshot(o.server_pid);
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < o.connections; ++t)
        threads.emplace_back([&] {
            auto client = connect(o.target, o.token, 60);
            Latencies mine;
            std::size_t failed = 0;
            for (std::size_t i; (i = next++) < o.count;) {
                const auto t0 = Clock::now();
                if (!work(i, *client)) ++failed;
                mine.add(seconds_since(t0) * 1000);
            }
            std::lock_guard lock(merge);
            phase.latencies.merge(mine);
            phase.failures += failed;
        });
    for (auto& t : threads) t.join();
    phase.seconds = seconds_since(start);
    phase.server_cpu = cpu_snapshot(o.server_pid).server - cpu_before.server;
}

}  // namespace

int run_invoices(const InvoiceOptions& o) {
    auto http = connect(o.target, o.token, 60);
    auto created_client = http->Post("/api/v1/clients?force=true",
                                     json{{"legal_name", "Menuiserie Dubois SARL"},
                                          {"siret", "73282932000074"},
                                          {"billing_address", {{"line1", "4 rue des Tanneurs"}, {"postal_code", "69002"},
                                                               {"city", "Lyon"}}}}
                                         .dump(),
                                     "application/json");
    if (!created_client || created_client->status != 201) {
        std::cerr << "invoices: cannot create the client (" << (created_client ? created_client->status : 0) << ")\n";
        return 1;
    }
    const auto client_id = json::parse(created_client->body)["id"].get<std::int64_t>();
    std::vector<std::int64_t> ids(o.count, 0);

    Phase create{"create draft"}, validate{"validate"}, pdf{"download stored PDF"};
    run_phase(create, o, [&](std::size_t i, httplib::Client& c) {
        auto r = c.Post("/api/v1/documents", invoice_body(client_id, o.lines, i).dump(), "application/json");
        if (!r || r->status != 201) return false;
        ids[i] = json::parse(r->body)["id"].get<std::int64_t>();
        return true;
    });
    std::vector<std::string> numbers(o.count);
    run_phase(validate, o, [&](std::size_t i, httplib::Client& c) {
        if (!ids[i]) return false;
        auto r = c.Post("/api/v1/documents/" + std::to_string(ids[i]) + "/validate", "{}", "application/json");
        if (!r || r->status != 200) return false;
        numbers[i] = json::parse(r->body)["number"].get<std::string>();
        return true;
    });
    std::atomic<std::size_t> pdf_bytes{0};
    run_phase(pdf, o, [&](std::size_t i, httplib::Client& c) {
        if (!ids[i]) return false;
        auto r = c.Get("/api/v1/documents/" + std::to_string(ids[i]) + "/pdf");
        if (!r || r->status != 200 || r->body.rfind("%PDF-", 0) != 0) return false;
        pdf_bytes += r->body.size();
        return true;
    });

    std::printf("\nInvoices: %zu, %d item lines each, %d connection(s)\n", o.count, o.lines, o.connections);
    std::printf("  %-22s %10s %10s %9s %9s %9s %14s %8s\n", "phase", "per second", "seconds", "p50 ms", "p99 ms",
                "max ms", "server CPU/op", "failed");
    std::vector<std::pair<std::string, std::string>> report;
    for (Phase* p : {&create, &validate, &pdf}) {
        const double rate = p->seconds > 0 ? (o.count - p->failures) / p->seconds : 0;
        const double cpu_ms = o.count ? p->server_cpu * 1000 / o.count : 0;
        std::printf("  %-22s %10.0f %10.2f %9.2f %9.2f %9.2f %11.2f ms %8zu\n", p->name, rate, p->seconds,
                    p->latencies.percentile(50), p->latencies.percentile(99), p->latencies.max(), cpu_ms, p->failures);
        std::string key = std::string("invoices_") + (p == &create ? "create" : p == &validate ? "validate" : "pdf");
        report.push_back({key + "_per_s", std::to_string(rate)});
        report.push_back({key + "_p99_ms", std::to_string(p->latencies.percentile(99))});
        report.push_back({key + "_server_cpu_ms", std::to_string(cpu_ms)});
    }
    std::printf("  average PDF size %.1f KB\n", o.count ? pdf_bytes.load() / 1024.0 / o.count : 0.0);
    // The legal check: every number once, none missing.
    std::vector<int> counters;
    for (const auto& n : numbers)
        if (n.size() > 8) counters.push_back(std::stoi(n.substr(n.rfind('-') + 1)));
    std::sort(counters.begin(), counters.end());
    bool gapless = !counters.empty();
    for (std::size_t i = 1; i < counters.size(); ++i) gapless = gapless && counters[i] == counters[i - 1] + 1;
    std::printf("  numbers: %zu issued, %s\n", counters.size(), gapless ? "consecutive, no gap, no duplicate" : "GAP OR DUPLICATE");
    write_report(o.report, report);
    return create.failures + validate.failures + pdf.failures == 0 && gapless ? 0 : 1;
}

}  // namespace bench
