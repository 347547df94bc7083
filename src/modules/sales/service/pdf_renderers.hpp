// Background threads that render and store the PDFs of issued documents. A validation wakes them
// as soon as it commits; every few seconds they also sweep for PDFs still missing (after a crash,
// or documents validated by another server on the same PostgreSQL), so an issued document always
// gets its PDF without the user waiting on its layout.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace comptoir::sales {

class DocumentService;

class PdfRenderers {
public:
    // `threads` renderers; each takes the documents whose id modulo `threads` is its own.
    PdfRenderers(DocumentService& documents, int threads);
    ~PdfRenderers();
    PdfRenderers(const PdfRenderers&) = delete;
    PdfRenderers& operator=(const PdfRenderers&) = delete;

    void wake();

private:
    void run(int shard);

    DocumentService& documents_;
    int shards_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::uint64_t generation_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace comptoir::sales
