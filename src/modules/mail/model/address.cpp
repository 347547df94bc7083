#include "modules/mail/model/address.hpp"

#include <algorithm>

#include "core/contact/email.hpp"
#include "core/text/utf8.hpp"

namespace comptoir::mail {

std::vector<std::string> split_addresses(std::string_view text) {
    std::vector<std::string> out;
    auto add_words = [&out](std::string_view piece) {
        std::string word;
        for (char c : piece) {
            if (c == ' ' || c == '\t') {
                if (!word.empty()) out.push_back(word);
                word.clear();
            } else {
                word += c;
            }
        }
        if (!word.empty()) out.push_back(word);
    };
    std::size_t start = 0;
    for (std::size_t pos = 0; pos <= text.size(); ++pos) {
        if (pos < text.size() && std::string_view(",;\r\n").find(text[pos]) == std::string_view::npos) continue;
        const std::string_view piece = text.substr(start, pos - start);
        start = pos + 1;
        // "Jean Dupont <jean@exemple.fr>": the address is between the brackets, the rest is a name.
        const auto open = piece.find('<'), close = piece.rfind('>');
        if (open != std::string_view::npos && close != std::string_view::npos && close > open)
            add_words(piece.substr(open + 1, close - open - 1));
        else
            add_words(piece);
    }
    return out;
}

Checked<std::string> check_send_address(std::string_view address) {
    auto normalised = normalise_email(address);
    if (!normalised) return normalised;
    if (std::any_of(normalised->begin(), normalised->end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
        const std::string shown = quote_excerpt(address, 60);
        return reject("email.not_ascii",
                      "L'adresse « " + shown + " » contient des caractères accentués : l'envoi n'est possible qu'à une "
                      "adresse sans accent.",
                      "The address \"" + shown + "\" contains non-ASCII characters: mail can only be sent to an "
                      "ASCII address.");
    }
    return normalised;
}

std::vector<std::string> check_address_list(const std::vector<std::string>& addresses, const std::string& field,
                                            bool required, std::size_t max, std::vector<FieldIssue>& issues) {
    std::vector<std::string> out;
    if (addresses.empty() && required) {
        issues.push_back({field, "required", "Indiquez au moins un destinataire.", "Give at least one recipient."});
        return out;
    }
    if (addresses.size() > max) {
        issues.push_back({field, "too_many", std::to_string(max) + " adresses au plus.",
                          "At most " + std::to_string(max) + " addresses."});
        return out;
    }
    for (std::size_t i = 0; i < addresses.size(); ++i) {
        auto checked = check_send_address(addresses[i]);
        if (!checked) {
            issues.push_back(with_field(checked.error(), field + "[" + std::to_string(i) + "]"));
            continue;
        }
        if (std::find(out.begin(), out.end(), *checked) == out.end()) out.push_back(*checked);
    }
    return out;
}

}  // namespace comptoir::mail
