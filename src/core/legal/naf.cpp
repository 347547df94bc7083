#include "core/legal/naf.hpp"

#include "core/legal/compact.hpp"
#include "core/text/utf8.hpp"

namespace comptoir {

Checked<std::string> normalise_naf(std::string_view input) {
    using namespace legal_detail;
    const std::string code = to_upper_ascii(strip_separators(input));
    if (code.empty()) {
        return reject("naf.empty", "Saisissez le code NAF (APE), par exemple 62.01Z.",
                      "Enter the NAF (APE) code, for example 62.01Z.");
    }
    const bool shaped = code.size() == 5 && all_digits(std::string_view(code).substr(0, 4)) && code[4] >= 'A' &&
                        code[4] <= 'Z';
    if (!shaped) {
        const std::string shown = quote_excerpt(input);
        return reject("naf.format",
                      "« " + shown + " » n'est pas un code NAF : il s'écrit avec 4 chiffres et une lettre, "
                      "par exemple 62.01Z.",
                      "\"" + shown + "\" is not a NAF code: it is 4 digits and a letter, for example 62.01Z.");
    }
    return code.substr(0, 2) + '.' + code.substr(2);
}

}  // namespace comptoir
