// The watched folder: supplier e-invoices dropped into DIR/<company id>/ are imported by a
// background thread of `serve` (every few seconds), then moved to DIR/<company id>/done/ or
// DIR/<company id>/failed/ with a report beside them (NAME.report.txt: the outcome, the checks,
// French then English). A file still being written (modified in the last two seconds), hidden
// files and *.part are left for the next pass. Each import runs as the company's system actor.
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

namespace comptoir::einvoice {

class ReceptionService;

class InboxWatcher {
public:
    InboxWatcher(ReceptionService& reception, std::filesystem::path dir);
    ~InboxWatcher();  // stops the thread if started
    InboxWatcher(const InboxWatcher&) = delete;
    InboxWatcher& operator=(const InboxWatcher&) = delete;

    void start(std::chrono::seconds interval = std::chrono::seconds(5));
    // One pass over the folder; returns how many files were handled (imported or failed).
    std::size_t scan_once(std::chrono::seconds settle = std::chrono::seconds(2));

private:
    void handle(std::int64_t company_id, const std::filesystem::path& file);

    ReceptionService& reception_;
    std::filesystem::path dir_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace comptoir::einvoice
