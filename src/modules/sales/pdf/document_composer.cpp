// Pass one for everything around the lines table: the first-page header (seller, title, client in
// the envelope window), the continuation header, the totals and payment block, notes, legal small
// print and the footer.
#include <algorithm>

#include "modules/sales/pdf/document_composer.hpp"
#include "modules/sales/pdf/lines_table.hpp"
#include "modules/sales/pdf/page_flow.hpp"

namespace comptoir::sales::pdf {

namespace {

constexpr double kSellerWidth = 88 * kMm;
constexpr double kTitleWidth = 84 * kMm;
constexpr double kLogoMaxWidth = 48 * kMm;
constexpr double kLogoMaxHeight = 15 * kMm;
constexpr double kTotalsWidth = 80 * kMm;
constexpr double kColumnGap = 9 * kMm;
constexpr double kPageNumberSpace = 22 * kMm;

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const std::string& p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += separator;
        out += p;
    }
    return out;
}

class Composer {
public:
    Composer(const PrintableDocument& doc, const Labels& labels, TextEngine& text, std::shared_ptr<const LogoImage> logo)
        : doc_(doc), labels_(labels), text_(text), logo_(std::move(logo)), accent_(accent_from(doc.accent_color)) {}

    DocumentPlan run() {
        DocumentPlan plan;
        plan.accent = accent_;
        double footer_top = build_footer(plan);
        PageFlow flow(0, footer_top - 6 * kMm, [this](Block& b) { return continuation_header(b); });
        flow.place(first_page_header());

        lay_out_lines_table(doc_, labels_, text_, accent_, flow);

        Block summary = summary_block();
        if (summary.height > 0) {
            flow.advance(5 * kMm);
            if (!flow.fits(summary.height)) flow.new_page();
            flow.place(summary);
        }
        notes_and_mentions(flow);

        plan.pages = std::move(flow.pages());
        if (!doc_.watermark.empty()) plan.watermark = text_.text(upper(doc_.watermark), Font::watermark);
        plan.title = join({doc_.kind_label, doc_.number}, " ");
        plan.author = doc_.seller.name;
        return plan;
    }

private:
    std::string legal_form_line() const {
        const auto& s = doc_.seller;
        if (s.share_capital.empty()) return s.legal_form;
        return join({s.legal_form, std::string(labels_.share_capital), s.share_capital}, " ");
    }

    std::string colon(std::string_view label) const { return std::string(label) + std::string(labels_.colon); }

    // --- first page -------------------------------------------------------------------------

    Block first_page_header() {
        Block b;
        const auto& seller = doc_.seller;

        // Seller identity, top left, under the logo.
        double x = kMarginX;
        double y = kMarginTop;
        if (logo_) {
            double scale = std::min(kLogoMaxWidth / logo_->width, kLogoMaxHeight / logo_->height);
            double w = logo_->width * scale;
            double h = logo_->height * scale;
            b.ops.push_back(ImageOp{logo_, x, y, w, h});
            y += h + 4 * kMm;
        }
        if (!seller.name.empty()) {
            TextBox t = text_.text(seller.name, Font::seller_name, kSellerWidth);
            b.text(t, x, y, kInk);
            y += t.height + 1.5;
        }
        // The legal form and capital are in the footer of every page: not repeated here.
        if (std::string address = join(seller.address_lines, "\n"); !address.empty()) {
            TextBox t = text_.text(address, Font::small, kSellerWidth);
            b.text(t, x, y, kInk);
            y += t.height + 2;
        }
        if (std::string contact = join({seller.phone, seller.email, seller.website}, " · "); !contact.empty()) {
            TextBox t = text_.text(contact, Font::small, kSellerWidth);
            b.text(t, x, y, kMuted);
            y += t.height;
        }
        double left_bottom = y;

        // Title, number and dates, top right.
        double right = kContentRight;
        double ry = kMarginTop - 3;  // the title's cap height then lines up with the logo's top
        if (!doc_.kind_label.empty()) {
            TextBox t = text_.text(doc_.kind_label, Font::title);
            if (t.width > kTitleWidth) TextEngine::rewrap(t, kTitleWidth, Align::right);
            b.text(t, right - t.width, ry, accent_);
            ry += t.height + 1;
        }
        if (!doc_.number.empty()) {
            TextBox t = text_.text(std::string(labels_.number_prefix) + "\u00a0" + doc_.number, Font::number);
            if (t.width > kTitleWidth) TextEngine::rewrap(t, kTitleWidth, Align::right);
            b.text(t, right - t.width, ry, kInk);
            ry += t.height;
        }
        ry += 3.5 * kMm;
        ry = key_values(b, right, ry);
        double right_bottom = ry;

        // The client, where a window envelope shows it.
        double cx = kAddressWindowX;
        double cw = kContentRight - cx;
        double cy = std::max(kAddressWindowY, right_bottom + 6 * kMm);
        double client_bottom = cy;
        if (!doc_.client.name.empty() || !doc_.client.address_lines.empty()) {
            client_bottom = party_block(b, labels_.client, doc_.client.name, doc_.client.address_lines, cx, cy, cw);
            std::vector<std::string> ids;
            if (!doc_.client.siren.empty()) ids.push_back(std::string(labels_.siren) + "\u00a0" + doc_.client.siren);
            if (!doc_.client.vat_number.empty()) {
                ids.push_back(std::string(labels_.vat_number) + "\u00a0" + doc_.client.vat_number);
            }
            if (!ids.empty()) {
                TextBox t = text_.text(join(ids, " · "), Font::small, cw);
                b.text(t, cx, client_bottom + 2.5, kMuted);
                client_bottom += 2.5 + t.height;
            }
        }

        // Delivery address, left, level with the client when the seller block leaves room.
        double delivery_bottom = 0;
        if (!doc_.delivery_address.empty()) {
            double dy = std::max(left_bottom + 5 * kMm, cy);
            delivery_bottom = party_block(b, labels_.delivery_address, "", doc_.delivery_address, kMarginX, dy,
                                          kSellerWidth);
        }

        y = std::max({left_bottom, client_bottom, delivery_bottom}) + 6 * kMm;

        // Subject, references and the category of the operation, above the table.
        bool any = false;
        if (!doc_.subject.empty()) {
            TextBox t = text_.label_value(colon(labels_.subject), doc_.subject, Font::body, true, kContentWidth);
            b.text(t, kMarginX, y, kInk);
            y += t.height + 2;
            any = true;
        }
        // References and the operation category in one muted paragraph: they matter, but they are
        // looked up, not read, and each on its own line would push the table down.
        std::vector<std::string> refs = doc_.reference_lines;
        if (const std::string_view op = operation_label(); !op.empty()) {
            refs.push_back(colon(labels_.operation) + std::string(op));
        }
        if (std::string joined = join(refs, "   ·   "); !joined.empty()) {
            TextBox t = text_.text(joined, Font::small, kContentWidth);
            TextEngine::set_line_gap(t, 1.5);
            b.text(t, kMarginX, y, kMuted);
            y += t.height;
            any = true;
        }
        if (any) y += 4 * kMm;
        b.height = y;
        return b;
    }

    std::string_view operation_label() const {
        switch (doc_.operation) {
            case Operation::goods: return labels_.operation_goods;
            case Operation::services: return labels_.operation_services;
            case Operation::mixed: return labels_.operation_mixed;
            case Operation::unspecified: break;
        }
        return {};
    }

    // Date and other header fields: labels right-aligned against a column of values flush right.
    double key_values(Block& b, double right, double y) {
        std::vector<std::pair<std::string, std::string>> rows;
        if (!doc_.issue_date.empty()) rows.emplace_back(labels_.issue_date, doc_.issue_date);
        if (!doc_.due_date.empty()) {
            rows.emplace_back(doc_.due_date_label.empty() ? std::string(labels_.due_date) : doc_.due_date_label,
                              doc_.due_date);
        }
        for (const auto& kv : doc_.header_fields) {
            if (!kv.value.empty()) rows.emplace_back(kv.label, kv.value);
        }
        std::vector<std::pair<TextBox, TextBox>> boxes;
        double value_w = 0;
        for (const auto& [label, value] : rows) {
            TextBox v = text_.text(value, Font::small_bold);
            if (v.width > kTitleWidth / 2) TextEngine::rewrap(v, kTitleWidth / 2, Align::left);
            value_w = std::max(value_w, v.width);
            boxes.emplace_back(text_.text(label, Font::small), std::move(v));
        }
        double vx = right - value_w;
        for (auto& [label, value] : boxes) {
            if (label.width > kTitleWidth - value_w - 9) TextEngine::rewrap(label, kTitleWidth - value_w - 9, Align::right);
            b.text(label, vx - 9 - label.width, y, kMuted);
            b.text(value, vx, y, kInk);
            y += std::max(label.height, value.height) + 2.5;
        }
        return y;
    }

    // A small-caps title, a bold name (if any) and address lines. Returns the bottom.
    double party_block(Block& b, std::string_view title, const std::string& name, const std::vector<std::string>& lines,
                       double x, double y, double w) {
        TextBox label = text_.text(upper(title), Font::caps_label, w);
        b.text(label, x, y, kMuted);
        y += label.height + 3;
        if (!name.empty()) {
            TextBox t = text_.text(name, Font::client_name, w);
            b.text(t, x, y, kInk);
            y += t.height + 1.5;
        }
        if (std::string address = join(lines, "\n"); !address.empty()) {
            TextBox t = text_.text(address, Font::body, w);
            b.text(t, x, y, kInk);
            y += t.height;
        }
        return y;
    }

    // --- pages after the first ----------------------------------------------------------------

    // Document, number and client on top of every following page: a loose page stays identifiable.
    double continuation_header(Block& b) {
        if (!continuation_) {
            Block c;
            TextBox left = text_.text(join({doc_.kind_label, doc_.number}, " "), Font::small_bold, kContentWidth * 0.6);
            c.text(left, kMarginX, 0, kInk);
            TextBox right = text_.text(doc_.client.name, Font::small, kContentWidth * 0.38, Align::right);
            c.text(right, kContentRight - right.width, 0, kMuted);
            double h = std::max(left.height, right.height) + 5;
            c.hrule(kMarginX, kContentRight, h, kRule);
            c.height = h + 6 * kMm;
            continuation_ = std::move(c);
        }
        b.append(*continuation_, 0);
        return continuation_->height;
    }

    // --- footer -------------------------------------------------------------------------------

    // The seller's legal identity (C. com. R123-237) on every page. Returns the footer's top.
    double build_footer(DocumentPlan& plan) {
        const auto& s = doc_.seller;
        std::vector<std::string> lines;
        lines.push_back(join({s.name, legal_form_line(), join(s.address_lines, ", ")}, " · "));
        std::vector<std::string> ids;
        if (!s.siret.empty()) {
            ids.push_back(std::string(labels_.siret) + "\u00a0" + s.siret);
        } else if (!s.siren.empty()) {
            ids.push_back(std::string(labels_.siren) + "\u00a0" + s.siren);
        }
        if (!s.rcs_city.empty()) ids.push_back(join({"RCS", s.rcs_city, s.siren}, "\u00a0"));
        if (!s.vat_number.empty()) ids.push_back(std::string(labels_.vat_number) + "\u00a0" + s.vat_number);
        lines.push_back(join(ids, " · "));
        lines.push_back(doc_.footer);

        TextBox t = text_.text(join(lines, "\n"), Font::tiny, kContentWidth - 2 * kPageNumberSpace, Align::center);
        double top = kPageHeight - kMarginBottom - t.height - 5;
        plan.footer.hrule(kMarginX, kContentRight, top, kRule);
        plan.footer.text(t, kMarginX + kPageNumberSpace, top + 5, kMuted);
        plan.page_number_y = top + 5;
        return top;
    }

    // --- totals and payment ---------------------------------------------------------------------

    // Payment panel and VAT summary on the left, totals on the right: one block, never split.
    Block summary_block() {
        Block b;
        double rx = kContentRight - kTotalsWidth;
        double left_w = rx - kColumnGap - kMarginX;
        double right_h = totals_column(b, rx, kTotalsWidth);
        double left_h = payment_panel(b, kMarginX, left_w);
        if (!doc_.vat_summary.empty()) {
            if (left_h > 0) left_h += 4 * kMm;
            left_h = vat_summary(b, kMarginX, left_w, left_h);
        }
        b.height = std::max(right_h, left_h);
        return b;
    }

    // Per rate, the basis and the VAT (CGI ann. II art. 242 nonies A): a small three-column table.
    double vat_summary(Block& b, double x, double w, double y) {
        constexpr double pad = 8;  // aligned with the payment panel's content
        x += pad;
        w -= 2 * pad;
        double right = x + w;
        double basis_right = x + w * 0.64;
        TextBox h1 = text_.text(upper(labels_.vat_rate), Font::caps_label);
        TextBox h2 = text_.text(upper(labels_.vat_basis), Font::caps_label);
        TextBox h3 = text_.text(upper(labels_.vat_amount), Font::caps_label);
        b.text(h1, x, y, kMuted);
        b.text(h2, basis_right - h2.width, y, kMuted);
        b.text(h3, right - h3.width, y, kMuted);
        y += std::max({h1.height, h2.height, h3.height}) + 3;
        b.hrule(x, right, y, kRule);
        y += 3.5;
        for (const auto& row : doc_.vat_summary) {
            TextBox rate = text_.text(row.rate_label, Font::small, w * 0.34);
            TextBox basis = text_.text(row.basis, Font::small);
            TextBox vat = text_.text(row.vat, Font::small);
            b.text(rate, x, y, kInk);
            b.text(basis, basis_right - basis.width, y, kInk);
            b.text(vat, right - vat.width, y, kInk);
            y += std::max({rate.height, basis.height, vat.height}) + 2.5;
        }
        return y - 2.5;
    }

    double totals_column(Block& b, double x, double w) {
        double y = 0;
        double right = x + w;
        for (size_t i = 0; i < doc_.totals.size(); ++i) {
            const TotalRow& row = doc_.totals[i];
            if (row.emphasis == Emphasis::grand) {
                constexpr double pad_y = 7;
                constexpr double pad_x = 9;
                y += 3;
                TextBox amount = text_.text(row.amount, Font::grand_amount);
                TextBox label = text_.text(row.label, Font::grand_label, w - 2 * pad_x - amount.width - 8);
                double h = std::max(amount.height, label.height) + 2 * pad_y;
                b.rect(x, y, w, h, accent_, 3.5);
                b.text(label, x + pad_x, y + (h - label.height) / 2, kWhite);
                b.text(amount, right - pad_x - amount.width, y + (h - amount.height) / 2, kWhite);
                y += h + 3;
                continue;
            }
            bool strong = row.emphasis == Emphasis::strong;
            Font font = strong ? Font::body_bold : Font::body;
            TextBox amount = text_.text(row.amount, font);
            TextBox label = text_.text(row.label, font, w - amount.width - 12);
            if (strong && i > 0) {
                y += 2;
                b.hrule(x, right, y, kRule, 0.7);
                y += 3;
            }
            b.text(label, x, y + 2, strong ? kInk : kMuted);
            b.text(amount, right - amount.width, y + 2, kInk);
            y += std::max(amount.height, label.height) + 3.5;
        }
        return y;
    }

    double payment_panel(Block& b, double x, double w) {
        const PaymentBlock& p = doc_.payment;
        struct Entry {
            std::string_view label;
            const std::string& value;
            Font font;
        };
        const Entry entries[] = {
            {labels_.payment_terms, p.terms, Font::small},   {labels_.payment_due, p.due_date, Font::small_bold},
            {labels_.payment_method, p.method, Font::small}, {labels_.bank, p.bank_name, Font::small},
            {labels_.iban, p.iban, Font::small_bold},        {labels_.bic, p.bic, Font::small},
        };
        std::vector<std::pair<TextBox, const Entry*>> labels;
        double label_w = 0;
        for (const Entry& e : entries) {
            if (e.value.empty()) continue;
            labels.emplace_back(text_.text(e.label, Font::small), &e);
            label_w = std::max(label_w, labels.back().first.width);
        }
        if (labels.empty()) return 0;

        constexpr double pad = 8;
        Block inside;
        TextBox title = text_.text(upper(labels_.payment), Font::caps_label);
        inside.text(title, x + pad, pad, kMuted);
        double y = pad + title.height + 4;
        double value_x = x + pad + label_w + 10;
        double value_w = x + w - pad - value_x;
        for (auto& [label, e] : labels) {
            TextBox value = text_.text(e->value, e->font, value_w);
            inside.text(label, x + pad, y, kMuted);
            inside.text(value, value_x, y, kInk);
            y += std::max(label.height, value.height) + 1.8;
        }
        double h = y - 1.8 + pad;
        b.rect(x, 0, w, h, kPanel, 4);
        b.append(inside, 0);
        return h;
    }

    // --- after the totals -------------------------------------------------------------------------

    void notes_and_mentions(PageFlow& flow) {
        if (!doc_.notes.empty()) {
            flow.advance(6 * kMm);
            TextBox label = text_.text(upper(labels_.notes), Font::caps_label);
            TextBox notes = text_.text(doc_.notes, Font::body, kContentWidth);
            // The title goes with at least the first lines of the notes.
            if (!flow.fits(label.height + 4 + std::min(notes.height, 24.0))) flow.new_page();
            Block title;
            title.text(label, kMarginX, 0, kMuted);
            title.height = label.height + 4;
            flow.place(title);
            flow.flow_text(notes, kMarginX, kInk);
        }
        bool first = true;
        for (const std::string& paragraph : doc_.legal_mentions) {
            if (paragraph.empty()) continue;
            flow.advance(first ? 4.5 * kMm : 2);
            first = false;
            flow.flow_text(text_.text(paragraph, Font::tiny, kContentWidth), kMarginX, kMuted);
        }
    }

    const PrintableDocument& doc_;
    const Labels& labels_;
    TextEngine& text_;
    std::shared_ptr<const LogoImage> logo_;
    Rgb accent_;
    std::optional<Block> continuation_;
};

}  // namespace

DocumentPlan compose_document(const PrintableDocument& document, const Labels& labels, TextEngine& text,
                              std::shared_ptr<const LogoImage> logo) {
    return Composer(document, labels, text, std::move(logo)).run();
}

}  // namespace comptoir::sales::pdf
