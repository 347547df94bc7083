// comptoir_duplicates_bench — the duplicates scan on a large client base.
//
//   comptoir_duplicates_bench [--count 1000000] [--database URL] [--dir DIR] [--fuzzy-share 0.01] [--seed S]
//
// Generates `count` French clients with the load benchmark's generator (bench/french_clients.cpp:
// about 2% re-enter an earlier client with the same phone, e-mail or SIRET typed differently), plants
// `fuzzy-share` more that repeat an earlier company's name with a typo or a legal-form word in the
// same postal code and share no identifier, writes them all in bulk (clients and crm's duplicate
// channels, no search index: the scan does not read it), then runs the scan twice: the pure finding
// pass, and the service's scan that also files the groups. Prints timings and how many planted
// duplicates were found. A fresh SQLite file under --dir (default a temporary directory), or an empty
// PostgreSQL database with --database.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "french_clients.hpp"
#include "modules/duplicates/service/duplicate_service.hpp"
#include "store/bulk_insert.hpp"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::string digits(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c >= '0' && c <= '9') out.push_back(c);
    return out;
}

std::string e164(const std::string& typed) {
    std::string d = digits(typed);
    if (d.size() == 11 && d.rfind("33", 0) == 0) return "+" + d;
    if (d.size() == 10 && d[0] == '0') return "+33" + d.substr(1);
    return d.empty() ? d : "+" + d;
}

std::string lower(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// A one-letter typo in the longest word of the name: two neighbours swapped, or a letter dropped.
std::string typo(const std::string& name, std::uint64_t r) {
    std::size_t best = 0, best_len = 0, start = 0;
    for (std::size_t i = 0; i <= name.size(); ++i) {
        if (i == name.size() || name[i] == ' ') {
            bool ascii = true;
            for (std::size_t k = start; k < i; ++k) ascii = ascii && static_cast<unsigned char>(name[k]) < 0x80;
            if (ascii && i - start > best_len) {
                best = start;
                best_len = i - start;
            }
            start = i + 1;
        }
    }
    std::string out = name;
    if (best_len < 6) return out + " SARL";
    const std::size_t pos = best + 2 + r % (best_len - 3);
    if (r % 2) std::swap(out[pos], out[pos + 1]);
    else out.erase(pos, 1);
    return out;
}

struct Options {
    std::size_t count = 1000000;
    std::string database;
    std::string dir;
    double fuzzy_share = 0.01;
    std::uint64_t seed = 20240601;
};

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i], v = argv[i + 1];
        if (k == "--count") o.count = std::stoull(v);
        else if (k == "--database") o.database = v;
        else if (k == "--dir") o.dir = v;
        else if (k == "--fuzzy-share") o.fuzzy_share = std::stod(v);
        else if (k == "--seed") o.seed = std::stoull(v);
        else {
            std::cerr << "unknown option " << k << "\n";
            return 2;
        }
    }
    namespace fs = std::filesystem;
    const bool temp_dir = o.dir.empty();
    if (temp_dir) o.dir = (fs::temp_directory_path() / ("comptoir-dup-bench-" + std::to_string(::getpid()))).string();
    fs::create_directories(o.dir);
    comptoir::AppConfig config;
    config.data_dir = o.dir;
    config.database_url = o.database;
    config.pool_size = 4;
    comptoir::App app(config);
    auto& db = app.db();
    const std::string now = "2026-01-01T00:00:00Z";
    std::int64_t company_id = db.acquire()->insert("INSERT INTO companies (name, created_at) VALUES (?, ?)",
                                                   {std::string("Bench"), now});

    // Generate and write.
    bench::GeneratorOptions g;
    g.seed = o.seed;
    bench::FrenchClientGenerator generator(g);
    bench::Rng rng(o.seed ^ 0x5eed);
    struct Planted {
        std::int64_t a, b;
        std::string kind;
    };
    std::vector<Planted> planted;
    std::vector<std::int64_t> id_of_index;  // generator index -> client id (0: refused duplicate)
    struct Recent {
        std::int64_t id;
        std::string name, postal, city, line1;
    };
    std::vector<Recent> companies;  // for fuzzy copies
    const auto t_load = Clock::now();
    std::int64_t next_id = 1;
    const std::vector<std::string> client_columns{
        "id", "company_id", "kind", "status", "legal_name", "trade_name", "first_name", "last_name", "display_name",
        "sort_name", "siren", "siret", "email", "phone", "billing_line1", "billing_postal_code", "billing_city",
        "created_at", "updated_at"};
    std::vector<std::vector<comptoir::store::Value>> client_rows, channel_rows;
    auto flush = [&] {
        comptoir::store::with_transaction(db, true, [&](comptoir::store::Connection& conn) {
            comptoir::store::insert_rows(conn, "clients", client_columns, client_rows);
            comptoir::store::insert_rows(conn, "client_channels",
                                         {"company_id", "kind", "value", "client_id", "contact_id"}, channel_rows);
        });
        client_rows.clear();
        channel_rows.clear();
    };
    auto write = [&](const json& j) {
        const std::int64_t id = next_id++;
        const std::string kind = j.value("kind", "company");
        const json addr = j.value("billing_address", json::object());
        std::string siret = digits(j.value("siret", "")), siren = digits(j.value("siren", ""));
        if (siren.empty() && siret.size() == 14) siren = siret.substr(0, 9);
        const std::string email = lower(j.value("email", "")), phone = e164(j.value("phone", ""));
        const std::string display = kind == "company" ? j.value("legal_name", "")
                                                      : j.value("first_name", "") + " " + j.value("last_name", "");
        client_rows.push_back({id, company_id, kind, j.value("status", "client"), j.value("legal_name", ""),
                               j.value("trade_name", ""), j.value("first_name", ""), j.value("last_name", ""), display,
                               lower(display), siren, siret, email, phone, addr.value("line1", ""),
                               addr.value("postal_code", ""), addr.value("city", ""), now, now});
        std::set<std::pair<std::string, std::string>> channels;
        if (!email.empty()) channels.insert({"email", email});
        if (!phone.empty()) channels.insert({"phone", phone});
        for (const auto& c : j.value("contacts", json::array())) {
            for (const auto& e : c.value("emails", json::array())) channels.insert({"email", lower(e.get<std::string>())});
            for (const auto& p : c.value("phones", json::array())) channels.insert({"phone", e164(p.get<std::string>())});
        }
        for (const auto& [k, v] : channels) channel_rows.push_back({company_id, k, v, id, std::int64_t{0}});
        if (client_rows.size() >= 5000) flush();
        return id;
    };
    std::size_t written = 0;
    while (written < o.count) {
        std::string text;
        const auto& s = generator.next(&text);
        json j = json::parse(text);
        const std::int64_t id = write(j);
        ++written;
        id_of_index.push_back(id);
        if (s.duplicate != bench::DuplicateKind::None)
            planted.push_back({id_of_index[static_cast<std::size_t>(s.anchor)], id, bench::to_string(s.duplicate)});
        if (s.company && j.contains("billing_address") && companies.size() < 200000)
            companies.push_back({id, j["legal_name"], j["billing_address"].value("postal_code", ""),
                                 j["billing_address"].value("city", ""), j["billing_address"].value("line1", "")});
        if (!companies.empty() && rng.chance(o.fuzzy_share) && written < o.count) {
            const Recent& r = companies[rng.below(companies.size())];
            json copy{{"kind", "company"},
                      {"legal_name", rng.chance(0.5) ? typo(r.name, rng.next()) : "SARL " + r.name},
                      {"billing_address", {{"line1", rng.chance(0.5) ? r.line1 : ""}, {"postal_code", r.postal},
                                           {"city", r.city}}}};
            planted.push_back({r.id, write(copy), "fuzzy"});
            ++written;
        }
    }
    flush();
    const double load_s = seconds_since(t_load);
    std::cout << "clients written: " << written << " in " << load_s << " s (bulk, no search index)\n";
    if (db.dialect() == comptoir::store::Dialect::Sqlite) db.acquire()->execute_script("ANALYZE");

    // The finding pass alone, then the service's scan (finding + filing the groups).
    const auto t_find = Clock::now();
    auto found = comptoir::duplicates::find_groups(db, company_id);
    const double find_s = seconds_since(t_find);
    std::map<std::string, std::size_t> by_reason;
    std::set<std::pair<std::int64_t, std::int64_t>> together;
    for (const auto& grp : found.groups) {
        by_reason[std::string(comptoir::duplicates::to_code(grp.reason))]++;
        for (std::size_t i = 0; i < grp.members.size(); ++i)
            for (std::size_t k = i + 1; k < grp.members.size(); ++k) together.insert({grp.members[i], grp.members[k]});
    }
    std::map<std::string, std::pair<std::size_t, std::size_t>> recall;  // kind -> (found, planted)
    for (const auto& p : planted) {
        auto& r = recall[p.kind];
        ++r.second;
        if (together.contains({std::min(p.a, p.b), std::max(p.a, p.b)})) ++r.first;
    }
    comptoir::Actor admin;
    admin.company_id = company_id;
    admin.role = comptoir::Role::Admin;
    comptoir::duplicates::DuplicateService service(db);
    const auto t_scan = Clock::now();
    auto summary = service.scan(admin);
    const double scan_s = seconds_since(t_scan);
    const auto t_rescan = Clock::now();
    auto again = service.scan(admin);
    const double rescan_s = seconds_since(t_rescan);

    std::cout << "database: " << (db.dialect() == comptoir::store::Dialect::Sqlite ? "SQLite" : "PostgreSQL") << "\n"
              << "active clients scanned: " << found.clients << "\n"
              << "find groups: " << find_s << " s\n"
              << "scan (find + file in the review folder): " << scan_s << " s\n"
              << "rescan (groups already filed): " << rescan_s << " s\n"
              << "groups: " << found.groups.size() << " (left out as too large: " << found.too_large << ")\n";
    for (const auto& [reason, n] : by_reason) std::cout << "  " << reason << ": " << n << "\n";
    std::cout << "planted duplicates found:\n";
    for (const auto& [kind, r] : recall) std::cout << "  " << kind << ": " << r.first << " / " << r.second << "\n";
    if (!summary || !again) std::cout << "scan failed\n";
    else std::cout << "filed: " << summary->groups_new << " new, rescan " << again->groups_new << " new, "
                   << again->groups_open << " open\n";
    if (temp_dir) fs::remove_all(o.dir);
    return summary && again ? 0 : 1;
}
