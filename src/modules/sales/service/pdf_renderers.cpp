#include "modules/sales/service/pdf_renderers.hpp"

#include <chrono>
#include <exception>
#include <iostream>

#include "modules/sales/service/document_service.hpp"

namespace comptoir::sales {

namespace {
constexpr auto kSweepInterval = std::chrono::seconds(5);
constexpr std::size_t kPerPass = 64;
}  // namespace

PdfRenderers::PdfRenderers(DocumentService& documents, int threads) : documents_(documents), shards_(threads < 1 ? 1 : threads) {
    for (int i = 0; i < shards_; ++i) threads_.emplace_back([this, i] { run(i); });
}

PdfRenderers::~PdfRenderers() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
}

void PdfRenderers::wake() {
    {
        std::lock_guard lock(mutex_);
        ++generation_;
    }
    cv_.notify_all();
}

void PdfRenderers::run(int shard) {
    std::uint64_t seen = 0;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, kSweepInterval, [&] { return stopping_ || generation_ != seen; });
            if (stopping_) return;
            seen = generation_;
        }
        try {
            // Keep going while there is work; a full pass means more may be waiting.
            while (documents_.render_pending(kPerPass, shard, shards_) > 0) {
                std::lock_guard lock(mutex_);
                if (stopping_) return;
            }
        } catch (const std::exception& e) {
            // A database hiccup must not end the thread: the next sweep tries again.
            std::cerr << "pdf renderer: " << e.what() << "\n";
        }
    }
}

}  // namespace comptoir::sales
