// LinePrinter: headless mode's stdout, written from a thread of its own.
#include "app/LinePrinter.h"

#include <QTemporaryFile>
#include <QTest>
#include <QThread>

#include <cstdio>
#include <memory>

using namespace hookscope;

class TestLinePrinter : public QObject
{
    Q_OBJECT
private:
    struct File
    {
        QTemporaryFile file;
        FILE *stream = nullptr;
        File()
        {
            file.open();
            stream = std::fopen(file.fileName().toLocal8Bit().constData(), "wb");
        }
        ~File() { std::fclose(stream); }
        QByteArray text() const
        {
            QFile in(file.fileName());
            in.open(QIODevice::ReadOnly);
            return in.readAll();
        }
    };

private Q_SLOTS:
    void writesLinesInOrder_data()
    {
        QTest::addColumn<QList<QByteArray>>("lines");
        QTest::addColumn<bool>("asOneBatch");
        QTest::newRow("one line") << QList<QByteArray>{"Listening on http://127.0.0.1:8080/"} << false;
        QTest::newRow("lines one by one") << QList<QByteArray>{"a", "", "c d e"} << false;
        QTest::newRow("a batch") << QList<QByteArray>{"1", "2", "3", "4"} << true;
        QTest::newRow("bytes kept as given") << QList<QByteArray>{QByteArray("\x01\xff<b>x</b>", 10)} << false;
    }
    void writesLinesInOrder()
    {
        QFETCH(QList<QByteArray>, lines);
        QFETCH(bool, asOneBatch);
        File out;
        LinePrinter printer(out.stream);
        if (asOneBatch) {
            printer.print(lines);
        } else {
            for (const QByteArray &line : lines)
                printer.print(line);
        }
        printer.flush();
        QCOMPARE(out.text(), lines.join('\n') + '\n');
    }

    void flushWaitsForEveryLineQueuedBefore()
    {
        File out;
        LinePrinter printer(out.stream);
        for (int i = 0; i < 10000; ++i)
            printer.print(QByteArray::number(i));
        printer.flush();
        const QList<QByteArray> written = out.text().split('\n');
        QCOMPARE(written.size(), 10001); // the last line's newline leaves an empty tail
        QCOMPARE(written.at(9999), QByteArray("9999"));
    }

    void destructionWritesWhatIsQueued()
    {
        File out;
        {
            LinePrinter printer(out.stream);
            printer.print(QList<QByteArray>{"first", "second"});
        }
        std::fflush(out.stream);
        QCOMPARE(out.text(), QByteArray("first\nsecond\n"));
    }

    void linesFromSeveralThreadsAreNeverInterleaved()
    {
        File out;
        LinePrinter printer(out.stream);
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back(QThread::create([&printer, t] {
                for (int i = 0; i < 500; ++i)
                    printer.print(QByteArray(200, char('a' + t)));
            }));
            threads.back()->start();
        }
        for (auto &thread : threads)
            thread->wait();
        printer.flush();
        const QList<QByteArray> written = out.text().split('\n');
        QCOMPARE(written.size(), 2001);
        for (int i = 0; i < 2000; ++i) {
            const QByteArray &line = written.at(i);
            QCOMPARE(line.size(), 200);
            QCOMPARE(line.count(line.at(0)), 200);
        }
    }
};

QTEST_GUILESS_MAIN(TestLinePrinter)
#include "tst_lineprinter.moc"
