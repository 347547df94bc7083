// PDF rendering throughput: renders the typical invoice (one page, 12 lines, logo) N times on 1 and
// 2 threads and prints PDFs per second per core and the average size. "wall" divides the elapsed
// time by the threads used; "cpu" uses the CPU time the rendering threads really got, which stays
// meaningful when other processes share the cores.
//
//   comptoir_pdf_bench [--count N] [--samples DIR]
//
// --samples DIR also writes example documents (invoice, 3-page invoice, quote draft, credit note)
// to DIR for looking at the layout (e.g. `pdftoppm -png -r 80 DIR/invoice.pdf DIR/invoice`).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "modules/sales/pdf/render_pdf.hpp"
#include "modules/sales/pdf/sample_documents.hpp"

using namespace comptoir::sales::pdf;

namespace {

struct Run {
    double seconds = 0;      // wall clock
    double cpu_seconds = 0;  // summed over the threads: the cost per PDF even on a busy machine
    size_t bytes = 0;
    int failures = 0;
};

double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

Run render_many(const PrintableDocument& doc, int count, int threads) {
    std::vector<size_t> bytes(threads, 0);
    std::vector<int> failures(threads, 0);
    std::vector<double> cpu(threads, 0);
    // One warm-up render per thread: the first one builds that thread's pango context.
    auto work = [&](int t, int n) {
        double start = thread_cpu_seconds();
        for (int i = 0; i < n; ++i) {
            auto pdf = render_pdf(doc);
            if (!pdf) {
                ++failures[t];
                continue;
            }
            bytes[t] += pdf->size();
        }
        cpu[t] = thread_cpu_seconds() - start;
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back([&, t] { (void)render_pdf(doc); });
    for (auto& th : pool) th.join();
    pool.clear();

    auto start = std::chrono::steady_clock::now();
    for (int t = 0; t < threads; ++t) pool.emplace_back(work, t, count / threads + (t < count % threads ? 1 : 0));
    for (auto& th : pool) th.join();
    Run run;
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (int t = 0; t < threads; ++t) {
        run.bytes += bytes[t];
        run.cpu_seconds += cpu[t];
        run.failures += failures[t];
    }
    return run;
}

void report(const char* name, const PrintableDocument& doc, int count) {
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    for (int threads : {1, 2}) {
        Run r = render_many(doc, count, threads);
        double per_second = count / r.seconds;
        double per_core = per_second / std::min<unsigned>(threads, cores);
        std::printf("%-29s threads=%d  %5d PDFs in %5.2fs  %6.1f PDF/s  %6.1f PDF/s/core (wall)  "
                    "%6.1f PDF/s/core (cpu, %.2f ms/PDF)  avg %.1f KB%s\n",
                    name, threads, count, r.seconds, per_second, per_core, count / r.cpu_seconds,
                    1000.0 * r.cpu_seconds / count, r.bytes / 1024.0 / std::max(1, count - r.failures),
                    r.failures ? "  FAILURES" : "");
    }
}

bool write(const std::string& path, const PrintableDocument& doc) {
    auto pdf = render_pdf(doc);
    if (!pdf) {
        std::fprintf(stderr, "%s: %s\n", path.c_str(), pdf.error().code.c_str());
        return false;
    }
    std::ofstream(path, std::ios::binary).write(pdf->data(), static_cast<std::streamsize>(pdf->size()));
    std::printf("wrote %s (%zu bytes)\n", path.c_str(), pdf->size());
    return true;
}

bool write_samples(const std::string& dir) {
    PrintableDocument invoice = samples::joinery_invoice();

    PrintableDocument quote = samples::joinery_invoice();
    quote.kind_label = "DEVIS";
    quote.number = "DE-2026-0012";
    quote.issue_date = "20/01/2026";
    quote.due_date = "19/03/2026";
    quote.due_date_label = "Valable jusqu'au";
    quote.watermark = "Brouillon";
    quote.reference_lines.clear();
    quote.totals.erase(quote.totals.end() - 2);  // no deposit deducted yet
    quote.totals.back().label = "Total TTC";
    quote.totals.erase(quote.totals.end() - 2);
    quote.payment = {"Acompte de 30 % à la signature, solde à réception de facture", "", "Virement bancaire", "", "", ""};
    quote.notes = "Merci de nous retourner ce devis signé. Devis reçu avant l'exécution des travaux. Bon pour accord : date, signature et mention « lu et approuvé ».";

    PrintableDocument credit = samples::joinery_invoice();
    credit.kind_label = "AVOIR";
    credit.number = "AV-2026-00004";
    credit.issue_date = "16/03/2026";
    credit.due_date.clear();
    credit.reference_lines = {"Facture corrigée : FA-2026-00042 du 09/03/2026"};
    credit.subject = "Geste commercial : reprise des plinthes";
    credit.lines = {{LineKind::item, "PLI-70", "Remise commerciale sur plinthes MDF prépeintes\nSuite à la teinte non conforme constatée le 12/03/2026",
                     "1", "forfait", "120,00 €", "", "10 %", "120,00 €"}};
    credit.vat_summary = {{"10 %", "120,00 €", "12,00 €"}};
    credit.totals = {{"Total HT", "120,00 €"}, {"TVA 10 %", "12,00 €"}, {"Montant de l'avoir TTC", "132,00 €", Emphasis::grand}};
    credit.payment = {"Déduit de votre prochaine facture ou remboursé sur demande", "", "", "", "", ""};
    credit.notes.clear();
    credit.delivery_address.clear();

    PrintableDocument franchise = samples::joinery_invoice();
    franchise.seller.logo.clear();
    franchise.seller.legal_form = "EI";
    franchise.seller.share_capital.clear();
    franchise.seller.vat_number.clear();
    franchise.seller.rcs_city.clear();
    franchise.delivery_address.clear();
    for (auto& line : franchise.lines) line.vat_rate.clear();
    franchise.vat_summary.clear();
    franchise.totals = {{"Total HT", "3 912,60 €"}, {"Net à payer", "3 912,60 €", Emphasis::grand}};
    franchise.legal_mentions = {"TVA non applicable, art. 293 B du CGI.", franchise.legal_mentions[0]};
    franchise.accent_color = "#0f766e";

    // One description far longer than a page: it continues over the next pages.
    PrintableDocument sliced = samples::joinery_invoice();
    std::string clauses;
    for (int i = 1; i <= 140; ++i) {
        clauses += "Article " + std::to_string(i) + " : les travaux sont exécutés conformément aux DTU en vigueur, "
                   "la protection des existants et l'évacuation des gravats sont comprises.\n";
    }
    sliced.lines[2].description = "Cahier des clauses techniques particulières\n" + clauses;

    return write(dir + "/long-description.pdf", sliced) && write(dir + "/invoice.pdf", invoice) && write(dir + "/long-invoice.pdf", samples::long_invoice(50)) &&
           write(dir + "/quote-draft.pdf", quote) && write(dir + "/credit-note.pdf", credit) &&
           write(dir + "/franchise-invoice.pdf", franchise);
}

}  // namespace

int main(int argc, char** argv) {
    int count = 1000;
    std::string samples_dir;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--count" && i + 1 < argc) {
            count = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--samples" && i + 1 < argc) {
            samples_dir = argv[++i];
        } else {
            std::fprintf(stderr, "usage: %s [--count N] [--samples DIR]\n", argv[0]);
            return 2;
        }
    }
    if (!samples_dir.empty()) return write_samples(samples_dir) ? 0 : 1;

    std::printf("cores: %u\n", std::thread::hardware_concurrency());
    PrintableDocument invoice = samples::joinery_invoice();
    report("invoice, 12 lines, PNG logo", invoice, count);
    invoice.seller.logo.clear();
    report("invoice, 12 lines, no logo", invoice, count);
    report("invoice, 120 lines (4 pages)", samples::long_invoice(120), std::max(1, count / 10));
    return 0;
}
