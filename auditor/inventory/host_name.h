// Internationalised host names: Vietnamese units may register names such as
// "dịchvụcông.vn". On the wire (SNI) and in certificates (SAN) only the ASCII form counts
// ("xn--dchvcng-…"), so the registry stores that form and matching works on it.
#pragma once

#include <string>
#include <string_view>

#include "auditor/core/error.h"

namespace attt::inventory {

/// The ASCII (A-label) form of a host name, IDNA2008 with UTS #46 processing (libidn2);
/// ASCII names come back unchanged (lower case untouched). A name that is not valid UTF-8
/// or not a valid IDN is an error naming it.
Result<std::string> ascii_host_name(std::string_view host);

}  // namespace attt::inventory
