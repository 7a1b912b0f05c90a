#pragma once

#include "DecodeBudget.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace hookscope {

struct DecodedBody
{
    std::optional<QByteArray> body; // set when the encoding was understood and decoded
    QString error; // set when a declared encoding could not be decoded (or, beside body, a note)
    bool tooLarge = false; // decoding stopped at maxOutput: the decoded body is larger
    bool overBudget = false; // decoding stopped: the budget for decoded bodies in flight is used up
    DecodeLease lease; // the budget `body` holds until the lease is dropped (null without a budget)
};

// Decodes Content-Encoding gzip / x-gzip / deflate for display; identity and an absent
// header decode to nothing (the raw body is what to show). Decoding is incremental and stops
// as soon as the output would pass maxOutput (tooLarge) or, when a budget is given, as soon
// as the budget has no room for the next MiB (overBudget): a compression bomb never
// materialises beyond those. Every member of a multi-member gzip body is decoded.
[[nodiscard]] DecodedBody decodeContent(const QByteArray &contentEncoding, const QByteArray &body,
                                        qint64 maxOutput,
                                        const std::shared_ptr<DecodeBudget> &budget = {});

} // namespace hookscope
