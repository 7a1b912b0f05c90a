# Replay, forwarding and the ngrok watcher (core/relay, core/tunnel).
hookscope_core_test(tst_requestreplayer)
hookscope_core_test(tst_relaysafety)
hookscope_core_test(tst_responseparser)
hookscope_core_test(tst_forwarder)
hookscope_core_test(tst_ngrokwatcher)
hookscope_core_test(tst_ngrokprocess)
hookscope_core_test(tst_headlessrelay)
hookscope_core_test(tst_forwardedanswers)
