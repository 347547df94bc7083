#include "modules/sales/pdf/render_pdf.hpp"

#include <exception>

#include "modules/sales/pdf/document_composer.hpp"
#include "modules/sales/pdf/page_painter.hpp"

namespace comptoir::sales::pdf {

namespace {

// Bounds on input size. A real document is a few kilobytes of text; these only keep a runaway
// caller (or a pasted file) from producing thousands of pages, a header or footer taller than the
// page, or pango's 32-bit coordinates overflowing on one gigantic paragraph. Long texts (line
// descriptions, notes, mentions) continue over pages; short ones (title, dates, footer) cannot.
constexpr size_t kMaxLongText = 100'000;
constexpr size_t kMaxShortText = 1'000;
constexpr size_t kMaxWatermark = 60;
constexpr size_t kMaxTotalBytes = 4'000'000;
constexpr size_t kMaxLines = 10'000;
constexpr size_t kMaxListItems = 20;  // reference lines, header fields, address lines
constexpr size_t kMaxSummaryRows = 30;  // VAT and totals rows: their block is never split, it must fit a page
constexpr size_t kMaxMentions = 200;

class SizeCheck {
public:
    void text(const std::string& value, std::string name, size_t max = kMaxShortText) {
        total_ += value.size();
        if (value.size() > max) {
            issue(std::move(name), "pdf.text_too_long",
                  "Ce texte est trop long pour être imprimé (" + std::to_string(max) + " caractères au plus).",
                  "This text is too long to be printed (at most " + std::to_string(max) + " characters).");
        }
    }
    void texts(const std::vector<std::string>& values, const std::string& name, size_t max_items,
               size_t max_each = kMaxShortText) {
        count(values.size(), name, max_items);
        for (size_t i = 0; i < values.size(); ++i) text(values[i], name + "[" + std::to_string(i) + "]", max_each);
    }
    void count(size_t n, const std::string& name, size_t max) {
        if (n > max) {
            issue(name, "pdf.too_many_items", "Trop d'éléments pour être imprimés (" + std::to_string(max) + " au plus).",
                  "Too many items to be printed (at most " + std::to_string(max) + ").");
        }
    }

    Result<void> result() {
        if (!issues_.empty()) return fail(Error::invalid(std::move(issues_)));
        if (total_ > kMaxTotalBytes) {
            return fail(Error::invalid_field("", "pdf.document_too_long", "Le document est trop long pour être imprimé.",
                                             "The document is too long to be printed."));
        }
        return {};
    }

private:
    void issue(std::string field, std::string code, std::string fr, std::string en) {
        if (issues_.size() < 20) issues_.push_back({std::move(field), std::move(code), std::move(fr), std::move(en)});
    }

    std::vector<FieldIssue> issues_;
    size_t total_ = 0;
};

Result<void> check_sizes(const PrintableDocument& d) {
    SizeCheck c;
    c.text(d.kind_label, "kind_label");
    c.text(d.number, "number");
    c.text(d.issue_date, "issue_date");
    c.text(d.due_date, "due_date");
    c.text(d.due_date_label, "due_date_label");
    c.text(d.subject, "subject");
    c.text(d.footer, "footer");
    for (const auto& title : d.column_titles) c.text(title, "column_titles");
    c.text(d.watermark, "watermark", kMaxWatermark);
    c.text(d.notes, "notes", kMaxLongText);
    c.count(d.header_fields.size(), "header_fields", kMaxListItems);
    for (const auto& kv : d.header_fields) c.text(kv.label + kv.value, "header_fields");
    c.texts(d.reference_lines, "reference_lines", kMaxListItems);
    c.texts(d.legal_mentions, "legal_mentions", kMaxMentions, kMaxLongText);
    c.texts(d.delivery_address, "delivery_address", kMaxListItems);

    const auto& s = d.seller;
    for (const auto& [value, name] : {std::pair{&s.name, "seller.name"}, {&s.legal_form, "seller.legal_form"},
                                      {&s.share_capital, "seller.share_capital"}, {&s.siren, "seller.siren"},
                                      {&s.siret, "seller.siret"}, {&s.rcs_city, "seller.rcs_city"},
                                      {&s.vat_number, "seller.vat_number"}, {&s.phone, "seller.phone"},
                                      {&s.email, "seller.email"}, {&s.website, "seller.website"}}) {
        c.text(*value, name);
    }
    c.texts(s.address_lines, "seller.address_lines", kMaxListItems);
    c.text(d.client.name, "client.name");
    c.text(d.client.siren + d.client.vat_number, "client");
    c.texts(d.client.address_lines, "client.address_lines", kMaxListItems);

    c.count(d.lines.size(), "lines", kMaxLines);
    for (size_t i = 0; i < d.lines.size() && i < kMaxLines; ++i) {
        const auto& l = d.lines[i];
        std::string at = "lines[" + std::to_string(i) + "]";
        c.text(l.description, at + ".description", l.kind == LineKind::subtotal ? kMaxShortText : kMaxLongText);
        c.text(l.reference + l.quantity + l.unit + l.unit_price + l.discount + l.vat_rate + l.total, at);
    }
    c.count(d.vat_summary.size(), "vat_summary", kMaxSummaryRows);
    for (const auto& r : d.vat_summary) c.text(r.rate_label + r.basis + r.vat, "vat_summary");
    c.count(d.totals.size(), "totals", kMaxSummaryRows);
    for (const auto& r : d.totals) c.text(r.label + r.amount, "totals");
    const auto& p = d.payment;
    c.text(p.terms + p.due_date + p.method + p.bank_name + p.iban + p.bic, "payment");
    return c.result();
}

}  // namespace

Result<void> check_logo(std::string_view bytes) {
    TRY_RESULT(logo, load_logo(bytes));
    (void)logo;
    return {};
}

Result<std::string> render_pdf(const PrintableDocument& document) {
    try {
        if (auto sizes = check_sizes(document); !sizes) return fail(sizes.error());
        std::shared_ptr<const LogoImage> logo;
        if (!document.seller.logo.empty()) {
            TRY_RESULT(loaded, load_logo(document.seller.logo));
            logo = std::move(loaded);
        }
        TRY_RESULT(text, TextEngine::for_this_thread());
        const Labels& labels = labels_for(document.language);
        DocumentPlan plan = compose_document(document, labels, *text, std::move(logo));
        return paint_document(plan, labels, *text);
    } catch (const std::bad_alloc&) {
        return fail(Error::internal("pdf.out_of_memory"));
    } catch (const std::exception&) {
        return fail(Error::internal("pdf.render_failed"));
    }
}

}  // namespace comptoir::sales::pdf
