// comptoir_bench — load, search and invoice benchmarks for the Comptoir HTTP API.
//
//   comptoir_bench load   --url http://127.0.0.1:PORT --token T [--count N] [--batch 10000] [--connections 2]
//   comptoir_bench search --url http://127.0.0.1:PORT --token T [--count N] [--queries 5000] [--concurrency 1]
//   comptoir_bench invoices --url http://127.0.0.1:PORT --token T [--count N] [--connections 4]
//   comptoir_bench import --url http://127.0.0.1:PORT --token T [--count N] [--dry-run 1]   the client import
//   comptoir_bench sample [--count N] [--seed S]       print generated clients as JSON lines (no server)
//
// It is a benchmark, not a test: it prints figures (and key=value lines to --report FILE).
#include <cstdlib>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>

#include "commands.hpp"
#include "french_clients.hpp"

namespace {

const char* kUsage = R"(usage:
  comptoir_bench load   --url http://127.0.0.1:PORT --token TOKEN [options]
      --count N          clients to send (default 1000000)
      --batch N          clients per POST /api/v1/clients/batch, 1..10000 (default 10000)
      --connections N    concurrent keep-alive connections (default 1, see README)
      --data-dir DIR --max-disk-gb G   stop sending when the files in DIR exceed G GB
  comptoir_bench search --url http://127.0.0.1:PORT --token TOKEN [options]
      --count N          how many clients `load` sent: queries are built from them (default 1000000)
      --queries N        measured queries (default 5000)
      --concurrency N    concurrent connections (default 1)
      --warmup N         unmeasured queries first (default 200)
      --limit N          page size asked for (default 25)
      --slowest N        list the N slowest queries (default 10)
      --misses N         list the first N exact queries that did not find their client (default 5)
      --label NAME       key prefix in the report (default search_cN)
  comptoir_bench invoices --url http://127.0.0.1:PORT --token TOKEN [options]
      --count N          invoices to create and validate (default 2000)
      --connections N    concurrent connections (default 4)
      --lines N          item lines per invoice (default 10)
  comptoir_bench import --url http://127.0.0.1:PORT --token TOKEN [options]
      --count N          rows of the generated client file (default 100000)
      --dry-run 1        run a dry run before the import
  comptoir_bench sample [--count N]   print N generated clients, one JSON object a line
  common options:
      --seed S           generator seed (default 20240601; load and search must agree)
      --max-seconds S    stop after S seconds (load default 3600, search default 600)
      --report FILE      append key=value results to FILE
      --server-pid PID   also report the server's CPU time (read from /proc/PID/stat)
      --progress S       (load) print progress every S seconds (default 10)
)";

std::map<std::string, std::string> parse_flags(int argc, char** argv) {
    std::map<std::string, std::string> flags;
    for (int i = 2; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "-h" || arg == "--help") throw std::invalid_argument("");
        if (arg.rfind("--", 0) != 0) throw std::invalid_argument("unexpected argument: " + arg);
        if (auto eq = arg.find('='); eq != std::string::npos) {
            flags[arg.substr(2, eq - 2)] = arg.substr(eq + 1);
        } else {
            if (i + 1 >= argc) throw std::invalid_argument("missing value for " + arg);
            flags[arg.substr(2)] = argv[++i];
        }
    }
    return flags;
}

class Flags {
public:
    explicit Flags(std::map<std::string, std::string> flags) : flags_(std::move(flags)) {}
    std::string text(const std::string& name, const std::string& fallback = "") {
        auto it = flags_.find(name);
        if (it == flags_.end()) return fallback;
        std::string v = it->second;
        flags_.erase(it);
        return v;
    }
    std::string required(const std::string& name) {
        std::string v = text(name);
        if (v.empty()) throw std::invalid_argument("--" + name + " is required");
        return v;
    }
    std::uint64_t number(const std::string& name, std::uint64_t fallback) {
        std::string v = text(name);
        if (v.empty()) return fallback;
        try {
            std::size_t used = 0;
            auto n = std::stoull(v, &used);
            if (used != v.size()) throw std::invalid_argument(v);
            return n;
        } catch (...) {
            throw std::invalid_argument("--" + name + " expects a number, got " + v);
        }
    }
    double real(const std::string& name, double fallback) {
        std::string v = text(name);
        if (v.empty()) return fallback;
        try {
            return std::stod(v);
        } catch (...) {
            throw std::invalid_argument("--" + name + " expects a number, got " + v);
        }
    }
    void done() {
        if (!flags_.empty()) throw std::invalid_argument("unknown option --" + flags_.begin()->first);
    }

private:
    std::map<std::string, std::string> flags_;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << kUsage;
        return 2;
    }
    const std::string command = argv[1];
    try {
        Flags f(parse_flags(argc, argv));
        if (command == "load") {
            bench::LoadOptions o;
            o.target = bench::parse_target(f.required("url"));
            o.token = f.required("token");
            o.count = f.number("count", o.count);
            o.batch = f.number("batch", o.batch);
            o.connections = static_cast<int>(f.number("connections", o.connections));
            o.seed = f.number("seed", o.seed);
            o.max_seconds = f.real("max-seconds", o.max_seconds);
            o.progress_seconds = f.real("progress", o.progress_seconds);
            o.server_pid = static_cast<int>(f.number("server-pid", 0));
            o.data_dir = f.text("data-dir");
            o.max_disk_gb = f.real("max-disk-gb", 0);
            o.report = f.text("report");
            f.done();
            return bench::run_load(o);
        }
        if (command == "search") {
            bench::SearchOptions o;
            o.target = bench::parse_target(f.required("url"));
            o.token = f.required("token");
            o.count = f.number("count", o.count);
            o.queries = f.number("queries", o.queries);
            o.concurrency = static_cast<int>(f.number("concurrency", o.concurrency));
            o.warmup = f.number("warmup", o.warmup);
            o.limit = static_cast<int>(f.number("limit", o.limit));
            o.show_slowest = static_cast<int>(f.number("slowest", o.show_slowest));
            o.show_misses = static_cast<int>(f.number("misses", o.show_misses));
            o.seed = f.number("seed", o.seed);
            o.max_seconds = f.real("max-seconds", o.max_seconds);
            o.label = f.text("label");
            o.server_pid = static_cast<int>(f.number("server-pid", 0));
            o.report = f.text("report");
            f.done();
            return bench::run_search(o);
        }
        if (command == "invoices") {
            bench::InvoiceOptions o;
            o.target = bench::parse_target(f.required("url"));
            o.token = f.required("token");
            o.count = f.number("count", o.count);
            o.connections = static_cast<int>(f.number("connections", o.connections));
            o.lines = static_cast<int>(f.number("lines", o.lines));
            o.server_pid = static_cast<int>(f.number("server-pid", 0));
            o.report = f.text("report");
            f.done();
            return bench::run_invoices(o);
        }
        if (command == "import") {
            bench::ImportOptions o;
            o.target = bench::parse_target(f.required("url"));
            o.token = f.required("token");
            o.count = f.number("count", o.count);
            o.seed = f.number("seed", o.seed);
            o.dry_run = f.number("dry-run", 0) != 0;
            o.server_pid = static_cast<int>(f.number("server-pid", 0));
            o.report = f.text("report");
            f.done();
            return bench::run_import(o);
        }
        if (command == "sample") {
            bench::GeneratorOptions g;
            const auto count = f.number("count", 20);
            g.seed = f.number("seed", g.seed);
            f.done();
            bench::FrenchClientGenerator generator(g);
            for (std::uint64_t i = 0; i < count; ++i) {
                std::string json;
                const auto& c = generator.next(&json);
                std::cout << json;
                if (c.duplicate != bench::DuplicateKind::None)
                    std::cout << "  // near-duplicate of #" << c.anchor << " (" << bench::to_string(c.duplicate) << ")";
                std::cout << "\n";
            }
            return 0;
        }
        if (command == "-h" || command == "--help" || command == "help") {
            std::cout << kUsage;
            return 0;
        }
        throw std::invalid_argument("unknown command: " + command);
    } catch (const std::invalid_argument& e) {
        if (*e.what()) std::cerr << "comptoir_bench: " << e.what() << "\n\n";
        std::cerr << kUsage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "comptoir_bench: " << e.what() << "\n";
        return 1;
    }
}
