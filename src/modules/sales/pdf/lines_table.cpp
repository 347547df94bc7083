#include "modules/sales/pdf/lines_table.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace comptoir::sales::pdf {

namespace {

constexpr double kCellPadX = 3.4;
constexpr double kCellPadY = 3.2;
constexpr double kHeaderPadY = 4.8;
constexpr double kSectionPadTop = 8.0;
constexpr double kSectionPadBottom = 3.0;
constexpr double kMinDescription = 58 * kMm;
// A row taller than this share of a page may continue on the next one instead of moving whole.
constexpr double kSplittableShare = 0.3;

enum Col { kRef, kDesc, kQty, kUnit, kPrice, kDiscount, kVat, kTotal, kColumns };

struct Column {
    bool present = false;
    double x = 0;
    double w = 0;
    Align align = Align::left;
    double min_w = 0;
};

// A laid-out table row. Item, note and section rows keep their long text (`desc`) apart from the
// other cells, so that it can be sliced line by line over pages. Subtotal rows are never cut.
struct Row {
    LineKind kind = LineKind::item;
    Block block;  // everything of the row except `desc`, rules included
    std::optional<TextBox> desc;
    double desc_x = 0;
    double pad_top = kCellPadY;  // above and below `desc`
    double pad_bottom = kCellPadY;
    Rgb desc_color = kInk;
    double cells_height = 0;  // height of the content other than `desc`
    double height = 0;
};

class TableLayout {
public:
    TableLayout(const PrintableDocument& doc, const Labels& labels, TextEngine& text, Rgb accent, PageFlow& flow)
        : doc_(doc), labels_(labels), text_(text), accent_(accent), flow_(flow) {}

    void run() {
        size_column_set();
        build_header();
        rows_.reserve(doc_.lines.size());
        for (size_t i = 0; i < doc_.lines.size(); ++i) rows_.push_back(build_row(i));
        paginate();
    }

private:
    std::string_view header_label(int c) const {
        if (!doc_.column_titles[c].empty()) return doc_.column_titles[c];
        switch (c) {
            case kRef: return labels_.col_reference;
            case kDesc: return labels_.col_description;
            case kQty: return labels_.col_quantity;
            case kUnit: return labels_.col_unit;
            case kPrice: return labels_.col_unit_price;
            case kDiscount: return labels_.col_discount;
            case kVat: return labels_.col_vat;
            default: return labels_.col_total;
        }
    }

    static const std::string& cell_text(const PrintableLine& line, int c) {
        switch (c) {
            case kRef: return line.reference;
            case kQty: return line.quantity;
            case kUnit: return line.unit;
            case kPrice: return line.unit_price;
            case kDiscount: return line.discount;
            case kVat: return line.vat_rate;
            case kTotal: return line.total;
            default: return line.description;
        }
    }

    static Font cell_font(int c) { return c == kRef ? Font::small : Font::body; }

    // Columns without any value disappear (no reference, no discount, no VAT under franchise en
    // base); the others are as wide as their widest content, the description takes the rest.
    void size_column_set() {
        cols_[kRef] = {false, 0, 0, Align::left, 13 * kMm};
        cols_[kDesc] = {true, 0, 0, Align::left, 0};
        cols_[kQty] = {true, 0, 0, Align::right, 10 * kMm};
        cols_[kUnit] = {false, 0, 0, Align::left, 8 * kMm};
        cols_[kPrice] = {true, 0, 0, Align::right, 19 * kMm};
        cols_[kDiscount] = {false, 0, 0, Align::right, 11 * kMm};
        cols_[kVat] = {false, 0, 0, Align::right, 10 * kMm};
        cols_[kTotal] = {true, 0, 0, Align::right, 21 * kMm};

        cells_.resize(doc_.lines.size());
        std::array<double, kColumns> natural{};
        for (size_t i = 0; i < doc_.lines.size(); ++i) {
            const PrintableLine& line = doc_.lines[i];
            if (line.kind != LineKind::item) continue;
            for (int c = 0; c < kColumns; ++c) {
                if (c == kDesc) continue;
                const std::string& s = cell_text(line, c);
                if (s.empty()) continue;
                cols_[c].present = true;
                TextBox box = text_.text(s, cell_font(c));
                natural[c] = std::max(natural[c], box.width);
                cells_[i][c] = std::move(box);
            }
        }
        for (int c = 0; c < kColumns; ++c) {
            if (!cols_[c].present) continue;
            headers_[c] = text_.text(upper(header_label(c)), Font::caps_label);
            natural[c] = std::max(natural[c], headers_[c]->width);
            cols_[c].w = std::max(cols_[c].min_w, natural[c] + 2 * kCellPadX);
        }
        cols_[kRef].w = std::min(cols_[kRef].w, 26 * kMm);

        double fixed = 0;
        for (int c = 0; c < kColumns; ++c) {
            if (c != kDesc && cols_[c].present) fixed += cols_[c].w;
        }
        double desc = kContentWidth - fixed;
        if (desc < kMinDescription) {
            // Absurdly wide values: squeeze the other columns proportionally, their text wraps.
            double factor = (kContentWidth - kMinDescription) / fixed;
            for (int c = 0; c < kColumns; ++c) {
                if (c != kDesc && cols_[c].present) cols_[c].w *= factor;
            }
            desc = kMinDescription;
        }
        cols_[kDesc].w = desc;
        double x = kMarginX;
        for (int c = 0; c < kColumns; ++c) {
            if (!cols_[c].present) continue;
            cols_[c].x = x;
            x += cols_[c].w;
        }
        // Values wider than their column (only after squeezing, or a long reference) wrap in it.
        for (auto& row : cells_) {
            for (int c = 0; c < kColumns; ++c) {
                if (row[c] && row[c]->width > inner(c) + 0.01) TextEngine::rewrap(*row[c], inner(c), cols_[c].align);
            }
        }
    }

    double inner(int c) const { return cols_[c].w - 2 * kCellPadX; }
    double right_edge(int c) const { return cols_[c].x + cols_[c].w - kCellPadX; }

    // Places a cell in its column: numbers flush right, text flush left.
    void put_cell(Block& block, const TextBox& box, int c, double y, Rgb color) const {
        double x = cols_[c].x + kCellPadX;
        if (cols_[c].align == Align::right && box.width <= inner(c) + 0.01) x = right_edge(c) - box.width;
        block.text(box, x, y, color);
    }

    void build_header() {
        double h = 0;
        for (int c = 0; c < kColumns; ++c) {
            if (headers_[c]) h = std::max(h, headers_[c]->height);
        }
        header_.height = h + 2 * kHeaderPadY;
        header_.rect(kMarginX, 0, kContentWidth, header_.height, kPanel, 3);
        for (int c = 0; c < kColumns; ++c) {
            if (headers_[c]) put_cell(header_, *headers_[c], c, kHeaderPadY, kMuted);
        }
    }

    Row build_row(size_t i) {
        const PrintableLine& line = doc_.lines[i];
        Row row;
        row.kind = line.kind;
        double span_x = kMarginX + kCellPadX;
        double span_w = kContentWidth - 2 * kCellPadX;
        switch (line.kind) {
            case LineKind::section: {
                row.desc = text_.text(line.description, Font::section, span_w);
                row.desc_x = span_x;
                row.desc_color = accent_;
                row.pad_top = kSectionPadTop;
                row.pad_bottom = kSectionPadBottom;
                row.height = kSectionPadTop + row.desc->height + kSectionPadBottom;
                row.block.hrule(kMarginX, kContentRight, row.height, tint(accent_, 0.45), 0.6);
                break;
            }
            case LineKind::subtotal: {
                TextBox amount = text_.text(line.total, Font::body_bold);
                double label_right = cols_[kTotal].x - kCellPadX;
                TextBox label = text_.text(line.description, Font::body_bold, label_right - span_x, Align::right);
                double h = std::max(amount.height, label.height) + 2 * kCellPadY;
                row.block.rect(kMarginX, 0, kContentWidth, h, kSubtle);
                row.block.text(label, span_x, kCellPadY, kInk);
                row.block.text(amount, right_edge(kTotal) - amount.width, kCellPadY, kInk);
                row.block.hrule(kMarginX, kContentRight, h, kRule);
                row.height = h;
                break;
            }
            case LineKind::note: {
                row.desc = text_.text(line.description, Font::note, span_w);
                row.desc_x = span_x;
                row.desc_color = kMuted;
                row.height = row.desc->height + 2 * kCellPadY;
                row.block.hrule(kMarginX, kContentRight, row.height, kRule);
                break;
            }
            case LineKind::item: {
                row.desc = text_.description(line.description, inner(kDesc));
                row.desc_x = cols_[kDesc].x + kCellPadX;
                for (int c = 0; c < kColumns; ++c) {
                    if (c == kDesc || !cells_[i][c]) continue;
                    put_cell(row.block, *cells_[i][c], c, kCellPadY, c == kRef || c == kUnit ? kMuted : kInk);
                    row.cells_height = std::max(row.cells_height, cells_[i][c]->height);
                }
                row.height = std::max(row.cells_height, row.desc->height) + 2 * kCellPadY;
                row.block.hrule(kMarginX, kContentRight, row.height, kRule);
                break;
            }
        }
        row.block.height = row.height;
        return row;
    }

    void new_page_with_header() {
        flow_.new_page();
        place_header();
    }

    void place_header() {
        flow_.place(header_);
        fresh_ = true;
    }

    // How much of a row must fit under a section title for the title not to be left alone.
    double lead_height(size_t i) const {
        if (i >= rows_.size()) return 0;
        const Row& r = rows_[i];
        return std::min(r.height, std::max(r.cells_height, 24.0) + 2 * kCellPadY);
    }

    void place_whole(const Row& row) {
        Block b = row.block;
        if (row.desc) b.text(*row.desc, row.desc_x, row.pad_top, row.desc_color);
        flow_.place(b);
        fresh_ = false;
    }

    // Slices a long row over pages: the first slice carries the other cells, the rule closes the last.
    void place_sliced(const Row& row) {
        std::vector<LineExtent> lines = TextEngine::line_extents(row.desc->layout.get());
        size_t first = 0;
        while (first < lines.size()) {
            bool first_slice = first == 0;
            double top = first_slice ? row.pad_top : kCellPadY;
            double avail = flow_.room() - top - row.pad_bottom;
            double origin = lines[first].top;
            size_t last = first;
            while (last < lines.size() && lines[last].bottom - origin <= avail + 0.01) ++last;
            size_t wanted = std::min<size_t>(3, lines.size() - first);
            if ((last - first < wanted || (first_slice && row.cells_height > avail)) && !fresh_) {
                new_page_with_header();
                continue;
            }
            if (last == first) last = first + 1;
            double slice = lines[last - 1].bottom - origin;
            Block b;
            b.height = top + std::max(slice, first_slice ? row.cells_height : 0.0) + row.pad_bottom;
            b.ops.push_back(TextOp{row.desc->layout, row.desc_x, top - origin, row.desc_color, top, slice});
            if (first_slice) {
                for (const DrawOp& op : row.block.ops) {
                    if (!std::holds_alternative<RuleOp>(op)) b.ops.push_back(op);
                }
            }
            if (last == lines.size()) {
                for (const DrawOp& op : row.block.ops) {
                    if (const auto* rule = std::get_if<RuleOp>(&op)) b.hrule(rule->x0, rule->x1, b.height, rule->color, rule->width);
                }
            }
            flow_.place(b);
            fresh_ = false;
            first = last;
            if (first < lines.size()) new_page_with_header();
        }
    }

    void paginate() {
        if (rows_.empty()) return;
        if (!flow_.fits(header_.height + lead_height(0) + 12)) flow_.new_page();
        place_header();
        double splittable = flow_.page_capacity() * kSplittableShare;
        for (size_t i = 0; i < rows_.size(); ++i) {
            const Row& row = rows_[i];
            double need = row.height;
            if (row.kind == LineKind::section) need += lead_height(i + 1);
            if (flow_.fits(need)) {
                place_whole(row);
                continue;
            }
            bool can_slice = row.desc.has_value();
            if (can_slice && row.height > splittable) {
                place_sliced(row);
                continue;
            }
            if (!fresh_) new_page_with_header();
            if (can_slice && !flow_.fits(row.height)) {
                place_sliced(row);
            } else {
                place_whole(row);
            }
        }
    }

    const PrintableDocument& doc_;
    const Labels& labels_;
    TextEngine& text_;
    Rgb accent_;
    PageFlow& flow_;

    std::array<Column, kColumns> cols_{};
    std::array<std::optional<TextBox>, kColumns> headers_{};
    std::vector<std::array<std::optional<TextBox>, kColumns>> cells_;
    Block header_;
    std::vector<Row> rows_;
    bool fresh_ = false;  // the cursor is right under a table header: moving on would gain nothing
};

}  // namespace

void lay_out_lines_table(const PrintableDocument& document, const Labels& labels, TextEngine& text, Rgb accent,
                         PageFlow& flow) {
    TableLayout(document, labels, text, accent, flow).run();
}

}  // namespace comptoir::sales::pdf
