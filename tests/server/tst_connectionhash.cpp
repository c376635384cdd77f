// SPDX-License-Identifier: MIT
// A connection must hash the same in every file. The server keeps connections in hashes and
// sets that are filled and searched from different files, some of which see the whole
// ClientConnection class and some only its declaration, and QHash's code is shared between
// them. Qt picks a pointer's qHash by what the file sees: qHash(key) ^ seed where the class
// (and its QObject base) is complete, qHash(quintptr(key), seed) where it is only declared.
// ChatService inserted a connection with one and looked for it with the other, missed it
// when the connection closed, and the chat topic kept a pointer to a deleted connection: the
// server crashed on the next message (found by tst_networkcuts, about one run in eight).
#include "net/clientconnection.h"

#include <QHash>
#include <QRandomGenerator>
#include <QTest>

size_t connectionHashWhereDeclared(Hallway::ClientConnection *connection, size_t seed);

namespace {
// The call QHash makes, resolved where the class is complete.
size_t connectionHashWhereDefined(Hallway::ClientConnection *connection, size_t seed)
{
    return qHash(connection, seed);
}
} // namespace

class tst_ConnectionHash : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameHashWhereDeclaredAndWhereDefined();
};

void tst_ConnectionHash::sameHashWhereDeclaredAndWhereDefined()
{
    QRandomGenerator random(20261202);
    for (int i = 0; i < 1000; ++i) {
        // Addresses as the allocator hands them out: 16-byte aligned, anywhere in the heap.
        auto *connection = reinterpret_cast<Hallway::ClientConnection *>(
                quintptr(random.generate64() & 0x0000'7fff'ffff'fff0ULL));
        const size_t seed = random.generate64();
        QCOMPARE(connectionHashWhereDeclared(connection, seed),
                 connectionHashWhereDefined(connection, seed));
    }
}

QTEST_GUILESS_MAIN(tst_ConnectionHash)
#include "tst_connectionhash.moc"
