const express = require('express');

const router = express.Router();

router.post('/deploy', (req, res) => res.status(202).end());
router.post('/rollback', (req, res) => res.status(202).end());

module.exports = router;
