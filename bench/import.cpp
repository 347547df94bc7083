// comptoir_bench import: a client file of N generated French clients (the same generator as `load`,
// written as the semicolon CSV French Excel produces, Windows-1252 or UTF-8), uploaded through
// POST /api/v1/client-imports, then run (and, with --dry-run, dry-run first) while the progress is
// polled. Reports rows/s and seconds for the upload (reading the file), the dry run and the run.
#include <nlohmann/json.hpp>

#include <iostream>
#include <thread>

#include "commands.hpp"
#include "french_clients.hpp"

namespace bench {
namespace {

std::string field(const std::string& value) {
    if (value.find_first_of(";\"\n\r") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

const char* kColumns[] = {"Type", "Statut", "Raison sociale", "Nom commercial", "Forme juridique", "Civilité",
                          "Prénom (particulier)", "Nom (particulier)", "SIRET", "SIREN", "N° TVA intracommunautaire",
                          "Code NAF", "E-mail", "Téléphone", "Site web", "Adresse", "Complément d'adresse",
                          "Code postal", "Ville", "Conditions de paiement", "Mode de paiement"};

std::string csv_row(const nlohmann::json& c, int contact_groups) {
    auto s = [&](const nlohmann::json& o, const char* k) { return o.contains(k) ? o[k].get<std::string>() : std::string(); };
    const nlohmann::json address = c.value("billing_address", nlohmann::json::object());
    std::vector<std::string> cells = {
        s(c, "kind") == "individual" ? "Particulier" : "Entreprise", s(c, "status"), s(c, "legal_name"), s(c, "trade_name"),
        s(c, "legal_form"), s(c, "civility") == "mr" ? "M." : s(c, "civility") == "mrs" ? "Mme" : "", s(c, "first_name"),
        s(c, "last_name"), s(c, "siret"), s(c, "siren"), s(c, "vat_number"), s(c, "naf_code"), s(c, "email"), s(c, "phone"),
        s(c, "website"), s(address, "line1"), s(address, "line2"), s(address, "postal_code"), s(address, "city"),
        s(c, "payment_terms"), s(c, "payment_method")};
    const auto contacts = c.value("contacts", nlohmann::json::array());
    for (int i = 0; i < contact_groups; ++i) {
        if (i < static_cast<int>(contacts.size())) {
            const auto& k = contacts[i];
            std::string emails, phones;
            for (const auto& e : k.value("emails", nlohmann::json::array())) emails += (emails.empty() ? "" : ", ") + e.get<std::string>();
            for (const auto& p : k.value("phones", nlohmann::json::array())) phones += (phones.empty() ? "" : ", ") + p.get<std::string>();
            cells.insert(cells.end(), {s(k, "civility") == "mr" ? "M." : s(k, "civility") == "mrs" ? "Mme" : "",
                                       s(k, "first_name"), s(k, "last_name"), s(k, "role"), emails, phones});
        } else {
            cells.insert(cells.end(), 6, "");
        }
    }
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) line += (i ? ";" : "") + field(cells[i]);
    return line + "\r\n";
}

// Waits for the import to leave `busy`; prints progress every few seconds. Returns the import.
nlohmann::json wait(httplib::Client& cli, const std::string& path, const std::string& what) {
    const auto start = Clock::now();
    double last_print = 0;
    for (;;) {
        auto r = cli.Get(path.c_str());
        if (!r || r->status != 200) throw std::runtime_error("polling " + path + " failed");
        auto job = nlohmann::json::parse(r->body);
        std::string status = job["status"];
        if (status != "checking" && status != "running" && status != "undoing") return job;
        if (seconds_since(start) - last_print >= 5) {
            last_print = seconds_since(start);
            std::cout << "  " << what << ": " << job["progress"]["done"] << " / " << job["progress"]["total"] << " rows after "
                      << fixed(last_print, 0) << " s\n" << std::flush;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

}  // namespace

int run_import(const ImportOptions& o) {
    if (o.count < 1) throw std::invalid_argument("--count must be positive");
    std::cout << "Generating a CSV of " << grouped(o.count) << " clients (seed " << o.seed << ")..." << std::flush;
    GeneratorOptions gen_options;
    gen_options.seed = o.seed;
    FrenchClientGenerator generator(gen_options);
    const int groups = 3;
    std::string csv;
    csv.reserve(o.count * 260);
    for (std::size_t i = 0; i < std::size(kColumns); ++i) csv += (i ? ";" : "") + std::string(kColumns[i]);
    for (int g = 1; g <= groups; ++g)
        for (const char* part : {"Civilité", "Prénom", "Nom", "Fonction", "E-mails", "Téléphones"})
            csv += ";Contact " + std::to_string(g) + " - " + part;
    csv += "\r\n";
    std::string json;
    for (std::size_t i = 0; i < o.count; ++i) {
        json.clear();
        generator.next(&json);
        csv += csv_row(nlohmann::json::parse(json), groups);
    }
    std::cout << " " << grouped(csv.size() / 1000) << " kB, " << grouped(generator.duplicates())
              << " near-duplicates planted\n";

    auto cli = connect(o.target, o.token, 600);
    const auto cpu_before = cpu_snapshot(o.server_pid);
    const auto start = Clock::now();
    auto uploaded = cli->Post("/api/v1/client-imports?file_name=bench.csv", csv, "text/csv");
    if (!uploaded || uploaded->status != 201) {
        std::cerr << "upload failed: " << (uploaded ? std::to_string(uploaded->status) + " " + uploaded->body.substr(0, 500)
                                                    : httplib::to_string(uploaded.error()))
                  << "\n";
        return 1;
    }
    const double upload_seconds = seconds_since(start);
    auto job = nlohmann::json::parse(uploaded->body);
    const std::string path = "/api/v1/client-imports/" + std::to_string(job["id"].get<std::int64_t>());
    std::cout << "Uploaded and read in " << fixed(upload_seconds, 1) << " s (" << job["row_count"] << " rows)\n";

    double check_seconds = 0;
    if (o.dry_run) {
        const auto check_start = Clock::now();
        auto r = cli->Post((path + "/dry-run").c_str(), "{\"policy\":\"skip\"}", "application/json");
        if (!r || r->status != 202) throw std::runtime_error("dry run refused");
        job = wait(*cli, path, "dry run");
        check_seconds = seconds_since(check_start);
        std::cout << "Dry run in " << fixed(check_seconds, 1) << " s: " << job["dry_run_counts"].dump() << "\n";
    }
    const auto run_start = Clock::now();
    auto r = cli->Post((path + "/run").c_str(), "{\"policy\":\"skip\"}", "application/json");
    if (!r || r->status != 202) throw std::runtime_error("run refused: " + (r ? r->body : std::string()));
    job = wait(*cli, path, "run");
    const double run_seconds = seconds_since(run_start);
    const double total = upload_seconds + run_seconds;
    const auto cpu_after = cpu_snapshot(o.server_pid);
    const auto& counts = job["counts"];
    std::cout << "\nImport of " << grouped(o.count) << " rows: status " << job["status"].get<std::string>() << "\n"
              << "  upload + read        " << fixed(upload_seconds, 1) << " s\n"
              << "  run                  " << fixed(run_seconds, 1) << " s (" << grouped(static_cast<std::size_t>(o.count / run_seconds))
              << " rows/s)\n"
              << "  total (upload + run) " << fixed(total, 1) << " s (" << grouped(static_cast<std::size_t>(o.count / total))
              << " rows/s)   target < 60 s: " << (total < 60 ? "ok" : "MISSED") << "\n"
              << "  created / updated / skipped / failed: " << counts["created"] << " / " << counts["updated"] << " / "
              << counts["skipped"] << " / " << counts["failed"] << "\n";
    const double server_cpu = cpu_after.server - cpu_before.server;
    const double other_cpu = (cpu_after.machine_busy - cpu_before.machine_busy) - server_cpu - (cpu_after.self - cpu_before.self);
    if (o.server_pid)
        std::cout << "  server CPU           " << fixed(server_cpu, 1) << " s (" << fixed(server_cpu * 1e6 / o.count, 0)
                  << " us per row, upload and run)\n";
    std::cout << "  other processes      " << fixed(other_cpu, 1) << " CPU-s meanwhile (the machine is shared: wall-clock "
              << "figures depend on it)\n";
    write_report(o.report, {{"import_rows", std::to_string(o.count)},
                            {"import_upload_seconds", fixed(upload_seconds, 1)},
                            {"import_check_seconds", fixed(check_seconds, 1)},
                            {"import_run_seconds", fixed(run_seconds, 1)},
                            {"import_total_seconds", fixed(total, 1)},
                            {"import_rate", std::to_string(static_cast<std::size_t>(o.count / total))},
                            {"import_created", counts["created"].dump()},
                            {"import_skipped", counts["skipped"].dump()},
                            {"import_failed", counts["failed"].dump()},
                            {"import_server_cpu_us_per_row", fixed(server_cpu * 1e6 / o.count, 0)},
                            {"import_other_cpu_s", fixed(other_cpu, 1)},
                            {"import_status", job["status"].get<std::string>()}});
    return job["status"] == "done" ? 0 : 1;
}

}  // namespace bench
