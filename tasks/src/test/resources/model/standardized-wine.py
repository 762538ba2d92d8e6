# Generates standardized-wine.json: scikit-learn's make_pipeline(StandardScaler(), ElasticNet(...)) fitted on the
# white-wine training split, its coefficients converted back to raw features. Run from this folder with Debian's
# python3-sklearn (1.2.1): python3 standardized-wine.py > standardized-wine.json
import json
import numpy as np
import sklearn
from sklearn.linear_model import ElasticNet
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

data = "../../../../../workflows/data/wine-quality/"
train = np.genfromtxt(data + "white-train.csv", delimiter=",", names=True)
names = list(train.dtype.names)
X = np.column_stack([train[n] for n in names[:-1]])
y = train[names[-1]]
cases = []
for alpha, l1_ratio in [(0.05, 0.5), (0.01, 0.9), (0.2, 0.1)]:
    pipeline = make_pipeline(StandardScaler(), ElasticNet(alpha=alpha, l1_ratio=l1_ratio)).fit(X, y)
    scaler, net = pipeline[0], pipeline[1]
    raw = net.coef_ / scaler.scale_
    cases.append({"alpha": alpha, "l1_ratio": l1_ratio, "n_iter": int(net.n_iter_),
                  "intercept": float(net.intercept_ - np.dot(scaler.mean_ / scaler.scale_, net.coef_)),
                  "coefficients": dict(zip([n.replace("_", " ") for n in names[:-1]], map(float, raw)))})
print(json.dumps({"sklearn": sklearn.__version__, "model": "make_pipeline(StandardScaler(), ElasticNet(alpha, l1_ratio))",
                  "cases": cases}, indent=2))
