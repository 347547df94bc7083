// The vertical cursor of the layout pass: which page we are on, how much room is left, and what
// happens when a page is full (a new page starts with the compact continuation header).
#pragma once

#include <functional>
#include <vector>

#include "modules/sales/pdf/draw_ops.hpp"

namespace comptoir::sales::pdf {

class PageFlow {
public:
    // `continuation_header` fills the top of every page after the first and returns its height.
    PageFlow(double top, double bottom, std::function<double(Block&)> continuation_header);

    double y() const { return y_; }
    void advance(double dy) { y_ += dy; }
    double bottom() const { return bottom_; }
    double room() const { return bottom_ - y_; }
    bool fits(double height) const { return y_ + height <= bottom_ + 0.01; }
    // Usable height of a fresh continuation page: what "too tall for any page" is measured against.
    double page_capacity() const { return bottom_ - continuation_top_; }

    // True when the cursor is at the top of a page's body, where moving on would gain nothing.
    bool at_page_top() const { return y_ <= body_top_ + 0.01; }

    void new_page();
    // Places the block at the cursor and moves past it.
    void place(const Block& block);
    // Places a text at the cursor, continuing on the following pages line by line when it does not
    // fit; a paragraph never leaves fewer than `min_lines` lines alone at the bottom of a page.
    void flow_text(const TextBox& box, double x, Rgb color, int min_lines = 2);

    std::vector<PagePlan>& pages() { return pages_; }

private:
    std::vector<PagePlan> pages_;
    std::function<double(Block&)> continuation_header_;
    double y_;
    double bottom_;
    double body_top_;
    double continuation_top_;
};

}  // namespace comptoir::sales::pdf
