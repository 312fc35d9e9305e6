// The clock is passed in (never read from a global) so tests can fix "now" and a scan of
// certificate lifetimes is reproducible.
#pragma once

#include <chrono>

namespace attt {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::system_clock::now(); }
};

class FixedClock final : public Clock {
public:
    explicit FixedClock(TimePoint at) : at_(at) {}

    TimePoint now() const override { return at_; }

private:
    TimePoint at_;
};

}  // namespace attt
