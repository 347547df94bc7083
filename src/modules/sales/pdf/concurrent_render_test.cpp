// Renders from several threads at once: each thread has its own pango context, logos are shared.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "modules/sales/pdf/pdf_test_tools.hpp"
#include "modules/sales/pdf/render_pdf.hpp"
#include "modules/sales/pdf/sample_documents.hpp"

using namespace comptoir::sales::pdf;
namespace t = comptoir::sales::pdf::testing;

TEST(ConcurrentRender, FourThreadsRenderTheSameDocuments) {
    const PrintableDocument invoice = samples::joinery_invoice();
    const PrintableDocument long_one = samples::long_invoice(40);
    constexpr int kThreads = 4;
    constexpr int kRenders = 12;
    std::vector<std::string> last(kThreads);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int th = 0; th < kThreads; ++th) {
        threads.emplace_back([&, th] {
            for (int i = 0; i < kRenders; ++i) {
                auto pdf = render_pdf(i % 3 == 2 ? long_one : invoice);
                if (!pdf || pdf->rfind("%PDF-", 0) != 0) ++failures;
                if (pdf && i % 3 != 2) last[th] = std::move(*pdf);
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures.load(), 0);
    if (!t::poppler_available()) return;
    std::string reference = t::pdf_text(last[0]);
    EXPECT_NE(reference.find("FA-2026-00042"), std::string::npos);
    for (int th = 1; th < kThreads; ++th) EXPECT_EQ(t::pdf_text(last[th]), reference) << "thread " << th;
}
