// The two benchmark commands of comptoir_bench.
#pragma once

#include <cstdint>
#include <string>

#include "bench_http.hpp"

namespace bench {

struct LoadOptions {
    Target target;
    std::string token;
    std::size_t count = 1000000;
    std::size_t batch = 10000;  // the API's maximum
    int connections = 1;  // see README: 2 makes the SQLite WAL grow without bound
    std::uint64_t seed = 20240601;
    double max_seconds = 3600;  // stop sending new batches after this long
    double progress_seconds = 10;
    int server_pid = 0;  // when set, the server's CPU time is measured from /proc
    std::string data_dir;     // when set with max_disk_gb, the load stops before filling the disk
    double max_disk_gb = 0;
    std::string report;  // when set, key=value results are written there
};

struct SearchOptions {
    Target target;
    std::string token;
    std::size_t count = 1000000;  // how many clients `load` created: the queries are built from them
    std::size_t queries = 5000;
    int concurrency = 1;
    std::size_t warmup = 200;
    int limit = 25;
    std::uint64_t seed = 20240601;
    double max_seconds = 600;
    int show_slowest = 10;
    int show_misses = 5;
    int server_pid = 0;
    std::string label;   // prefix of the keys in the report ("search_c1")
    std::string report;  // appended to when set
};

// Commercial documents: N invoice drafts created, then validated (numbered, frozen, PDF rendered and
// stored, hash chained), then their stored PDFs downloaded, each phase over `connections` connections.
struct InvoiceOptions {
    Target target;
    std::string token;
    std::size_t count = 2000;
    int connections = 4;
    int lines = 10;  // item lines per invoice, at two VAT rates, in two sections
    int server_pid = 0;
    std::string report;
};

// The client import: a generated CSV uploaded, (dry-run,) run and polled until done.
struct ImportOptions {
    Target target;
    std::string token;
    std::size_t count = 100000;
    std::uint64_t seed = 20240601;
    bool dry_run = false;
    int server_pid = 0;
    std::string report;
};

int run_load(const LoadOptions& options);
int run_import(const ImportOptions& options);
int run_invoices(const InvoiceOptions& options);
int run_search(const SearchOptions& options);

// Appends "key=value" lines to `path` (no-op when empty).
void write_report(const std::string& path, const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace bench
