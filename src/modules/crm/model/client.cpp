#include "modules/crm/model/client.hpp"

namespace comptoir::crm {
namespace {

std::string join_name(const std::string& civility, const std::string& first, const std::string& last) {
    std::string out;
    if (civility == "mr") out = "M. ";
    else if (civility == "mrs") out = "Mme ";
    if (!first.empty()) out += first + " ";
    out += last;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace

std::string Contact::full_name() const { return join_name(civility, first_name, last_name); }

std::string Client::display_name() const {
    if (kind == "individual") return join_name(civility, first_name, last_name);
    if (!trade_name.empty() && legal_name.empty()) return trade_name;
    return legal_name;
}

}  // namespace comptoir::crm
