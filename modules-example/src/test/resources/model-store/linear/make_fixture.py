"""Writes model.pt, the TorchScript fixture of the model-folder provider's tests.

A linear layer from 4 inputs to 3 outputs with fixed weights, so a test can compute the
expected outputs itself: y = W x + b.

Run with Debian's python3-torch (1.13), from this folder:
    /usr/bin/python3 make_fixture.py
"""
import torch

WEIGHT = [
    [1.0, 2.0, 3.0, 4.0],
    [0.5, -1.0, 0.0, 2.0],
    [-1.0, 0.25, 1.0, -0.5],
]
BIAS = [0.1, -0.2, 0.3]


class Linear(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = torch.nn.Linear(4, 3)
        with torch.no_grad():
            self.layer.weight.copy_(torch.tensor(WEIGHT))
            self.layer.bias.copy_(torch.tensor(BIAS))

    def forward(self, x):
        return self.layer(x)


def main():
    model = Linear().eval()
    example = torch.zeros(1, 4)
    traced = torch.jit.trace(model, example)
    traced.save("model.pt")
    check = traced(torch.tensor([[1.0, 1.0, 1.0, 1.0]]))
    print("model.pt written; f([1, 1, 1, 1]) =", check.tolist())


if __name__ == "__main__":
    main()
