"""The wallet port's adapters (app/wallet.py): Alipay 当面付 条码支付, WeChat Pay v2 付款码支付, an acquirer
simulator on 127.0.0.1 for the demo terminal and the tests, and the payment-code generator for training."""
