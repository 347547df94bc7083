#include "modules/sales/pdf/page_flow.hpp"

#include <algorithm>

namespace comptoir::sales::pdf {

void shift(DrawOp& op, double dy) {
    std::visit(
        [dy](auto& o) {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, TextOp>) {
                o.y += dy;
                o.clip_top += dy;
            } else if constexpr (std::is_same_v<T, RuleOp>) {
                o.y0 += dy;
                o.y1 += dy;
            } else {
                o.y += dy;
            }
        },
        op);
}

void Block::append(const Block& other, double dy) {
    for (const DrawOp& op : other.ops) {
        ops.push_back(op);
        shift(ops.back(), dy);
    }
}

PageFlow::PageFlow(double top, double bottom, std::function<double(Block&)> continuation_header)
    : continuation_header_(std::move(continuation_header)), y_(top), bottom_(bottom), body_top_(top) {
    pages_.emplace_back();
    Block probe;
    continuation_top_ = kMarginTop + continuation_header_(probe);
}

void PageFlow::new_page() {
    pages_.emplace_back();
    Block header;
    double height = continuation_header_(header);
    for (DrawOp& op : header.ops) {
        shift(op, kMarginTop);
        pages_.back().ops.push_back(std::move(op));
    }
    y_ = kMarginTop + height;
    body_top_ = y_;
}

void PageFlow::place(const Block& block) {
    auto& ops = pages_.back().ops;
    for (const DrawOp& op : block.ops) {
        ops.push_back(op);
        shift(ops.back(), y_);
    }
    y_ += block.height;
}

void PageFlow::flow_text(const TextBox& box, double x, Rgb color, int min_lines) {
    if (fits(box.height)) {
        pages_.back().ops.push_back(TextOp{box.layout, x, y_, color});
        y_ += box.height;
        return;
    }
    std::vector<LineExtent> lines = TextEngine::line_extents(box.layout.get());
    size_t first = 0;
    while (first < lines.size()) {
        double origin = lines[first].top;  // layout y of the slice's first line
        size_t last = first;             // one past the last line that fits
        while (last < lines.size() && y_ + (lines[last].bottom - origin) <= bottom_ + 0.01) ++last;
        size_t wanted = std::min<size_t>(static_cast<size_t>(std::max(min_lines, 1)), lines.size() - first);
        if (last - first < wanted && !at_page_top()) {
            new_page();
            continue;
        }
        if (last == first) last = first + 1;  // a single line taller than a page: draw it anyway
        double slice = lines[last - 1].bottom - origin;
        pages_.back().ops.push_back(TextOp{box.layout, x, y_ - origin, color, y_, slice});
        y_ += slice;
        first = last;
        if (first < lines.size()) new_page();
    }
}

}  // namespace comptoir::sales::pdf
