#include "modules/einvoice/service/inbox_watcher.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "modules/einvoice/inbound/received_file.hpp"
#include "modules/einvoice/service/reception_service.hpp"

namespace comptoir::einvoice {
namespace fs = std::filesystem;

namespace {

bool all_digits(const std::string& s) {
    return !s.empty() && s.size() < 19 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// done/NAME, or done/NAME-2, NAME-3… when a file of that name was handled before.
fs::path free_name(const fs::path& dir, const std::string& name) {
    fs::path target = dir / name;
    for (int n = 2; fs::exists(target) && n < 10000; ++n) target = dir / (fs::path(name).stem().string() + "-" + std::to_string(n) + fs::path(name).extension().string());
    return target;
}

}  // namespace

InboxWatcher::InboxWatcher(ReceptionService& reception, fs::path dir) : reception_(reception), dir_(std::move(dir)) {}

InboxWatcher::~InboxWatcher() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void InboxWatcher::start(std::chrono::seconds interval) {
    thread_ = std::thread([this, interval] {
        for (;;) {
            try {
                scan_once();
            } catch (const std::exception& e) {
                // A database hiccup or an unreadable folder must not end the thread: next pass.
                std::cerr << "einvoice inbox: " << e.what() << "\n";
            }
            std::unique_lock lock(mutex_);
            if (cv_.wait_for(lock, interval, [this] { return stopping_; })) return;
        }
    });
}

std::size_t InboxWatcher::scan_once(std::chrono::seconds settle) {
    std::size_t handled = 0;
    std::error_code ec;
    if (!fs::is_directory(dir_, ec)) return 0;
    for (const auto& company_dir : fs::directory_iterator(dir_, ec)) {
        const std::string name = company_dir.path().filename().string();
        if (!company_dir.is_directory() || !all_digits(name)) continue;
        const std::int64_t company_id = std::stoll(name);
        std::vector<fs::path> files;
        for (const auto& f : fs::directory_iterator(company_dir.path(), ec)) {
            const std::string fname = f.path().filename().string();
            if (!f.is_regular_file() || fname.empty() || fname[0] == '.' || f.path().extension() == ".part") continue;
            const auto age = fs::file_time_type::clock::now() - f.last_write_time(ec);
            if (ec || age < settle) continue;  // still being written
            files.push_back(f.path());
        }
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            handle(company_id, f);
            ++handled;
        }
    }
    return handled;
}

void InboxWatcher::handle(std::int64_t company_id, const fs::path& file) {
    const fs::path base = file.parent_path();
    std::ostringstream report;
    report << "Fichier : " << file.filename().string() << "\nTraité le : " << now_iso() << "\n\n";
    bool ok = false;
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec || size > kMaxReceivedBytes) {
        report << "REFUSÉ : le fichier dépasse 20 Mo ou ne peut pas être lu.\nREFUSED: the file is larger than 20 MB or cannot be read.\n";
    } else {
        std::ifstream in(file, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const Actor system{company_id, 0, Role::Admin, "fr", "", ""};
        auto outcome = reception_.import(system, bytes, file.filename().string(), "folder");
        if (outcome) {
            ok = true;
            report << "IMPORTÉE : facture " << outcome->number << " (facture fournisseur n° " << outcome->id << ", format "
                   << outcome->format << ", profil " << conformance_level(outcome->profile) << ")"
                   << (outcome->supplier_created ? ", nouveau fournisseur" : "") << ".\n";
            report << "IMPORTED: invoice " << outcome->number << " (supplier invoice " << outcome->id << ").\n\n";
            if (outcome->checks.empty()) report << "Contrôles : aucune anomalie. / Checks: no problem.\n";
            for (const auto& c : outcome->checks)
                report << (c.warning ? "AVERTISSEMENT " : "ANOMALIE ") << c.rule << (c.term.empty() ? "" : " (" + c.term + ")") << " : "
                       << c.message_fr << "\n    " << c.message_en << "\n";
        } else {
            const Error& e = outcome.error();
            report << "REFUSÉ : " << e.message_fr << "\nREFUSED: " << e.message_en << "\n";
            for (const auto& f : e.fields) report << "  - " << f.message_fr << "\n    " << f.message_en << "\n";
        }
    }
    const fs::path target_dir = base / (ok ? "done" : "failed");
    fs::create_directories(target_dir, ec);
    const fs::path target = free_name(target_dir, file.filename().string());
    fs::rename(file, target, ec);
    if (ec) {  // another filesystem: copy then remove
        fs::copy_file(file, target, fs::copy_options::overwrite_existing, ec);
        fs::remove(file, ec);
    }
    std::ofstream(target.string() + ".report.txt") << report.str();
}

}  // namespace comptoir::einvoice
